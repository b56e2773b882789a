package cn.tianjin.makerspace.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tianjin.makerspace.common.Folder;
import cn.tianjin.makerspace.common.SharedHdfs;
import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import cn.tianjin.makerspace.dashboard.ReportUploadService;
import cn.tianjin.makerspace.dashboard.ReportUploadServiceTest;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.User;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The upload page's writes into a landing zone on a real HDFS: a confirmed report lands under the
 * contract's name with the bytes the clerk checked, a second upload of the day in the other format
 * replaces it, and no temporary file is left where a scan would see it.
 */
@Tag("spark")
@Tag("hdfs")
@ExtendWith(SharedHdfs.class)
class UploadToHdfsTest {
  private static final User HEPING = new User(FixtureWarehouse.DISTRICT, Role.DISTRICT, "120101", "x");
  private static final String QUARTER_FOLDER = "quarterly_reports/2026Q1";

  @Test
  void aConfirmedReportIsWrittenIntoTheLandingZoneOnHdfs() throws IOException {
    String landing = SharedHdfs.newFolder("landing");
    byte[] csv = Files.readAllBytes(FixtureWarehouse.sampleData().resolve("quarterly_reports/2026Q1/120101.2026-04-03.csv"));
    byte[] xlsx = ReportUploadServiceTest.workbook(new String(csv, StandardCharsets.UTF_8));
    try (LiveSnapshot live = new LiveSnapshot(new SnapshotStore(FixtureWarehouse.get()), SnapshotDatabase.Limits.NONE)) {
      ReportUploadService upload = new ReportUploadService(live, Folder.open(landing), null, () -> LocalDate.of(2026, 11, 27));

      String token = upload.check(HEPING, "120101", "2026Q1", "和平区季报.csv", csv).token();
      assertEquals(QUARTER_FOLDER + "/120101.2026-11-27.csv", upload.confirm(HEPING, token).landingPath());
      assertArrayEquals(csv, read(landing + "/" + QUARTER_FOLDER + "/120101.2026-11-27.csv"));

      token = upload.check(HEPING, "120101", "2026Q1", "和平区季报.xlsx", xlsx).token();
      upload.confirm(HEPING, token);
    }
    assertEquals(List.of("120101.2026-11-27.xlsx"), names(landing + "/" + QUARTER_FOLDER), "the workbook replaced the CSV");
    assertArrayEquals(xlsx, read(landing + "/" + QUARTER_FOLDER + "/120101.2026-11-27.xlsx"));
  }

  private static byte[] read(String uri) throws IOException {
    try (InputStream in = SharedHdfs.fileSystem().open(new Path(uri))) {
      return in.readAllBytes();
    }
  }

  /** Every entry of the folder, hidden ones included. */
  private static List<String> names(String uri) throws IOException {
    FileSystem fs = SharedHdfs.fileSystem();
    return Arrays.stream(fs.listStatus(new Path(uri))).map(s -> s.getPath().getName()).sorted().toList();
  }
}
