package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The award shortlist's files: text that a spreadsheet would take for a formula is written as text. */
class AwardExportTest {
  /** Names a clerk could have typed into the reference data. */
  private static final List<String> NAMES = List.of("=HYPERLINK(\"http://x\",\"y\")", "-1+2", "@SUM(A1)", "=1+2\n=3", "+86 22", "\tTab", "王=伟");

  /** The fixture's 2025 shortlist, its commissioners renamed {@link #NAMES}. */
  private static AwardService.Shortlist shortlist() {
    AwardService.Shortlist s;
    try (LiveSnapshot live = new LiveSnapshot(new SnapshotStore(FixtureWarehouse.get()), SnapshotDatabase.Limits.NONE)) {
      s = new AwardService(live).shortlist(2025, null);
    }
    assertTrue(s.rows().size() >= NAMES.size(), "the shortlist has " + s.rows().size() + " rows");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>(s.rows().get(i));
      row.put("name", NAMES.get(i));
      rows.add(row);
    }
    return new AwardService.Shortlist(s.year(), s.district(), s.districtNameZh(), s.provisional(), s.asOf(), s.rules(), rows);
  }

  private static String expected(String name) {
    return "=+-@\t\r".indexOf(name.charAt(0)) >= 0 ? "'" + name : name;
  }

  @Test
  void csvNeutralisesFormulaNamesAndKeepsTheNumbers() {
    AwardService.Shortlist s = shortlist();
    String text = new String(AwardExport.csv(s), StandardCharsets.UTF_8);
    assertEquals('\uFEFF', text.charAt(0));
    List<CsvRecords.Record> records = CsvRecords.parse(text.substring(1));
    assertEquals(1 + NAMES.size(), records.size());
    for (int i = 0; i < NAMES.size(); i++) {
      List<String> fields = records.get(i + 1).fields();
      assertEquals(expected(NAMES.get(i)), fields.get(3), "row " + (i + 1));
      assertEquals(s.rows().get(i).get("rank").toString(), fields.get(1));
      assertEquals(s.rows().get(i).get("commissioner_id"), fields.get(2));
    }
  }

  @Test
  void xlsxNeutralisesFormulaNamesAndKeepsNumbersNumeric() throws IOException {
    AwardService.Shortlist s = shortlist();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(AwardExport.xlsx(s)))) {
      Sheet sheet = wb.getSheetAt(0);
      for (int i = 0; i < NAMES.size(); i++) {
        Row row = sheet.getRow(5 + i);
        assertEquals(CellType.STRING, row.getCell(3).getCellType());
        assertEquals(expected(NAMES.get(i)), row.getCell(3).getStringCellValue(), "row " + (i + 1));
        assertEquals(CellType.NUMERIC, row.getCell(1).getCellType(), "the rank stays a number");
        assertEquals(((Number) s.rows().get(i).get("rank")).doubleValue(), row.getCell(1).getNumericCellValue());
      }
    }
  }
}
