package cn.tianjin.makerspace.dashboard.web;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.SparkSessions;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.UserStore;
import cn.tianjin.makerspace.ingestion.IngestJob;
import cn.tianjin.makerspace.ingestion.LandingZone;
import cn.tianjin.makerspace.transforms.TransformJob;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.commons.io.output.NullOutputStream;
import org.apache.spark.sql.SparkSession;

/**
 * The dashboard tests' warehouse: {@code sample-data/} run through the real pipeline (Spark
 * ingest, then transform as of {@link #AS_OF}), with one user of each role. Tests must not change
 * it; a test that needs to change state builds its own.
 *
 * <p>Building it takes ≈ 50 s, so it is built once and kept in {@code target/fixture-cache/<key>}
 * of the project, where the key is a hash of everything the build reads: sample-data/, the
 * classes of the modules that ingest, transform and add the users, this class, and the as-of
 * date. Each test JVM gets its own copy of the kept one (in a temporary folder, ≈ 1 s), so what
 * a JVM's tests write (sessions, saved queries, file modes) never reaches another JVM or the next
 * run. A change to any input changes the key, and the next run builds anew.
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
      try {
        root = addUsers(copyTree(built(), Files.createTempDirectory("fixture-warehouse")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** The kept pipeline output for today's inputs, built first if there is none; never to be changed. */
  private static Path built() throws IOException {
    Path cache = Path.of("..", "target", "fixture-cache").toAbsolutePath().normalize();
    Path kept = cache.resolve(key());
    if (Files.isDirectory(kept)) {
      return kept;
    }
    Files.createDirectories(cache);
    // test JVMs run side by side (surefire's forks): one builds, the others wait for it
    try (FileChannel lock = FileChannel.open(cache.resolve("build.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = lock.lock()) {
      if (!Files.isDirectory(kept)) {
        Path fresh = build(Files.createTempDirectory(cache, "building-"));
        Files.move(fresh, kept, StandardCopyOption.ATOMIC_MOVE); // complete or absent: never half a fixture
      }
    }
    return kept;
  }

  /** A hash of everything {@link #build} reads. */
  private static String key() throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(AS_OF.toString().getBytes(StandardCharsets.UTF_8));
    hashTree(sha, sampleData());
    for (Class<?> c : List.of(SnapshotStore.class, ReportCheck.class, IngestJob.class, TransformJob.class)) {
      Path code = Path.of(URI.create(c.getProtectionDomain().getCodeSource().getLocation().toString()));
      if (Files.isDirectory(code)) {
        hashTree(sha, code);
      } else {
        hashJar(sha, code);
      }
    }
    try (InputStream self = FixtureWarehouse.class.getResourceAsStream("FixtureWarehouse.class")) {
      sha.update(self.readAllBytes());
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 12);
  }

  private static void hashTree(MessageDigest sha, Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        sha.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(f));
      }
    }
  }

  /** A jar's entries by name and content (not its timestamps, which every build changes). */
  private static void hashJar(MessageDigest sha, Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      for (JarEntry e : j.stream().filter(e -> !e.isDirectory()).sorted(Comparator.comparing(JarEntry::getName)).toList()) {
        sha.update(e.getName().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = j.getInputStream(e)) {
          sha.update(in.readAllBytes());
        }
      }
    }
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

  /** Runs the pipeline (ingest, transform) on {@code sample-data/} into the empty folder {@code dir}. */
  private static Path build(Path dir) {
    SnapshotStore store = new SnapshotStore(dir);
    PrintStream quiet = new PrintStream(NullOutputStream.INSTANCE);
    SparkSession spark = SparkSessions.create("dashboard-fixture", "local[2]");
    try {
      new IngestJob(spark, new LandingZone(sampleData()), store, quiet).run();
      new TransformJob(spark, store, AS_OF, quiet).run();
    } finally {
      spark.stop();
    }
    return dir;
  }

  /** Adds one user of each role to the warehouse {@code dir}. */
  private static Path addUsers(Path dir) {
    SnapshotStore store = new SnapshotStore(dir);
    UserStore users = new UserStore(dir);
    Set<String> districts;
    try (var live = new LiveSnapshot(store, SnapshotDatabase.Limits.NONE)) {
      districts = new MetaService(live).districtCodes();
    }
    users.add(LEADER, Role.LEADER, null, password(LEADER).toCharArray(), districts);
    users.add(ANALYST, Role.ANALYST, null, password(ANALYST).toCharArray(), districts);
    users.add(DISTRICT, Role.DISTRICT, DISTRICT_CODE, password(DISTRICT).toCharArray(), districts);
    users.add(ADMIN, Role.ADMIN, null, password(ADMIN).toCharArray(), districts);
    return dir;
  }

  /** Copies a folder tree (the fixture, sample-data) to {@code to}, for a test that changes it; returns {@code to}. */
  public static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
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
