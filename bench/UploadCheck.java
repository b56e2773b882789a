import cn.tianjin.makerspace.common.*;
import cn.tianjin.makerspace.dashboard.*;
import java.nio.file.*;
import java.time.LocalDate;
import java.util.*;
/** Times ReportUploadService.check: a real report, the same rows repeated as CSV and as .xlsx, and the template (see bench/upload.sh). */
public class UploadCheck {
  public static void main(String[] a) throws Exception {
    SnapshotStore store = new SnapshotStore(Path.of(a[0]));
    LiveSnapshot live = new LiveSnapshot(store, SnapshotDatabase.Limits.NONE);
    Path landing = Files.createTempDirectory("up-landing");
    ReportUploadService s = new ReportUploadService(live, Folder.open(landing.toString()), null, () -> LocalDate.of(2026, 11, 28));
    User u = new User("heping", Role.DISTRICT, "120101", "x");
    byte[] csv = Files.readAllBytes(Path.of("sample-data/quarterly_reports/2026Q3/120101.2026-10-10.csv"));
    List<String> lines = Files.readAllLines(Path.of("sample-data/quarterly_reports/2026Q3/120101.2026-10-10.csv"));
    StringBuilder big = new StringBuilder(lines.get(0)).append('\n');
    while (big.length() < 900_000) for (String l : lines.subList(1, lines.size())) big.append(l).append('\n');
    byte[] bigCsv = big.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // as a workbook
    byte[] bigXlsx;
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
      var sh = wb.createSheet("s"); int r = 0;
      for (String l : big.toString().split("\n")) { var row = sh.createRow(r++); String[] f = l.split(",", -1); for (int c = 0; c < f.length; c++) row.createCell(c).setCellValue(f[c]); }
      wb.write(out); bigXlsx = out.toByteArray();
    }
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime(); var p1 = s.check(u, "120101", "2026Q3", "r.csv", csv);
      long t1 = System.nanoTime(); var p2 = s.check(u, "120101", "2026Q3", "big.csv", bigCsv);
      long t2 = System.nanoTime(); var p3 = s.check(u, "120101", "2026Q3", "big.xlsx", bigXlsx);
      long t3 = System.nanoTime(); byte[] t = ReportUploadService.template();
      long t4 = System.nanoTime();
      System.out.printf("round %d: %d rows csv %.1f ms; %d rows csv (%d KB) %.1f ms; %d rows xlsx (%d KB) %.1f ms; template %.1f ms%n", round,
        p1.rowsRead(), (t1-t0)/1e6, p2.rowsRead(), bigCsv.length/1024, (t2-t1)/1e6, p3.rowsRead(), bigXlsx.length/1024, (t3-t2)/1e6, (t4-t3)/1e6);
    }
    System.exit(0);
  }
}
