package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkSessions;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.UserStore;
import cn.tianjin.makerspace.ingestion.IngestJob;
import cn.tianjin.makerspace.ingestion.LandingZone;
import cn.tianjin.makerspace.transforms.TransformJob;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.commons.io.output.NullOutputStream;
import org.apache.spark.sql.SparkSession;

/**
 * The dashboard tests' warehouse: {@code sample-data/} run through the real pipeline (Spark
 * ingest, then transform as of {@link #AS_OF}), built once per test JVM, with one user of each
 * role. Tests must not change it; a test that needs to change state builds its own.
 */
public final class FixtureWarehouse {
  public static final LocalDate AS_OF = LocalDate.of(2026, 11, 27);
  public static final String LEADER = "leader";
  public static final String ANALYST = "analyst";
  /** A district user of 和平区 (120101). */
  public static final String DISTRICT = "heping";
  public static final String DISTRICT_CODE = "120101";
  public static final String ADMIN = "admin";

  private static Path root;
  private static SnapshotDatabase db;

  private FixtureWarehouse() {}

  /** Each fixture user's password (long enough for the rules). */
  public static String password(String user) {
    return user + "-password-1";
  }

  public static synchronized Path get() {
    if (root == null) {
      root = build();
    }
    return root;
  }

  /**
   * The fixture's snapshot in DuckDB, shared by the tests (open for the JVM's life), to compute
   * the expected figures directly.
   */
  public static synchronized SnapshotDatabase db() {
    if (db == null) {
      db = SnapshotDatabase.open(new SnapshotStore(get()));
    }
    return db;
  }

  /** The rows of a query on the fixture ({@code ?} parameters). */
  public static List<List<Object>> rows(String sql, Object... params) {
    return db().select(sql, params).rows();
  }

  /** The single number a query on the fixture returns. */
  public static long count(String sql, Object... params) {
    return ((Number) rows(sql, params).get(0).get(0)).longValue();
  }

  /** A fresh app over the fixture warehouse (new sessions, a new log-in throttle). */
  /** The district (other than {@link #DISTRICT_CODE}) with the most overdue requests in {@code quarter}: lists with rows to page and sort. */
  public static String busiestDistrict(String quarter) {
    return (String) rows("select district_code from kpi_district_quarter where quarter = ? and district_code <> ?"
        + " order by open_overdue desc, district_code limit 1", quarter, DISTRICT_CODE).get(0).get(0);
  }

  public static Javalin app() {
    return DashboardApp.create(DashboardServer.deps(get()));
  }

  /** Runs the pipeline on {@code sample-data/} into a new folder and adds the fixture users. */
  public static Path build() {
    try {
      Path dir = Files.createTempDirectory("fixture-warehouse");
      SnapshotStore store = new SnapshotStore(dir);
      PrintStream quiet = new PrintStream(NullOutputStream.INSTANCE);
      SparkSession spark = SparkSessions.create("dashboard-fixture", "local[2]");
      try {
        new IngestJob(spark, new LandingZone(sampleData()), store, quiet).run();
        new TransformJob(spark, store, AS_OF, quiet).run();
      } finally {
        spark.stop();
      }
      UserStore users = new UserStore(dir);
      Set<String> districts;
      try (var live = new cn.tianjin.makerspace.dashboard.LiveSnapshot(store, cn.tianjin.makerspace.dashboard.SnapshotDatabase.Limits.NONE)) {
        districts = new MetaService(live).districtCodes();
      }
      users.add(LEADER, Role.LEADER, null, password(LEADER).toCharArray(), districts);
      users.add(ANALYST, Role.ANALYST, null, password(ANALYST).toCharArray(), districts);
      users.add(DISTRICT, Role.DISTRICT, DISTRICT_CODE, password(DISTRICT).toCharArray(), districts);
      users.add(ADMIN, Role.ADMIN, null, password(ADMIN).toCharArray(), districts);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a folder tree (the fixture, sample-data) to {@code to}, for a test that changes it; returns {@code to}. */
  public static Path copyTree(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  /** The project's {@code sample-data/} (tests run in the module folder). */
  public static Path sampleData() {
    Path p = Path.of("..", "sample-data");
    if (!Files.isDirectory(p.resolve("reference"))) {
      throw new IllegalStateException("sample-data/ not found from " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
