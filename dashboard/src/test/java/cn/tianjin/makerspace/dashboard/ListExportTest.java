package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** A list's export neutralises formula text in both formats and keeps numbers numbers. */
class ListExportTest {
  private static ListPage.Rows hostile() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String text : new String[] {"=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "plain"}) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("detail", text);
      r.put("working_days_overdue", -3);
      rows.add(r);
    }
    return new ListPage.Rows(List.of("detail", "working_days_overdue"), rows);
  }

  @Test
  void csvNeutralisesFormulasAndNamesColumnsFromTheCatalogue() {
    String csv = new String(ListExport.csv(hostile()), StandardCharsets.UTF_8);
    List<String> lines = Arrays.asList(csv.split("\r\n"));
    assertEquals("\uFEFF说明 (detail)," + MetricCatalogue.get().metric("working_days_overdue").orElseThrow().labelZh() + " (working_days_overdue)", lines.get(0));
    assertEquals(List.of("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-3", "'+1,-3", "'-2,-3", "'@SUM(A1),-3", "plain,-3"), lines.subList(1, lines.size()));
  }

  @Test
  void xlsxNeutralisesFormulasAndKeepsNumbers() throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(ListExport.xlsx("=title", hostile())))) {
      var s = wb.getSheetAt(0);
      assertEquals("'=title", s.getRow(0).getCell(0).getStringCellValue());
      List<String> texts = new ArrayList<>();
      for (int i = 3; i <= s.getLastRowNum(); i++) {
        Row r = s.getRow(i);
        assertEquals(CellType.STRING, r.getCell(0).getCellType());
        texts.add(r.getCell(0).getStringCellValue());
        assertEquals(CellType.NUMERIC, r.getCell(1).getCellType());
        assertEquals(-3.0, r.getCell(1).getNumericCellValue());
      }
      assertEquals(List.of("'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2", "'@SUM(A1)", "plain"), texts);
    }
  }
}
