package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The landing folder as the contract lays it out (section 1): finds every file, names its
 * source, and reads it. A file that does not fit the layout is kept as {@link Source#UNRECOGNIZED}
 * so that it is reported, not silently ignored.
 */
public final class LandingZone {
  /** Where a landing file belongs. */
  public enum Source {
    REFERENCE("reference"),
    QUARTERLY_REPORTS("quarterly_reports"),
    REQUEST_LOGS("request_logs"),
    UNRECOGNIZED("unrecognized");

    public final String label;

    Source(String label) {
      this.label = label;
    }
  }

  /** The reference files, in the order their checks depend on each other. */
  public static final List<String> REFERENCE_FILES =
      List.of(
          "districts.csv",
          "maker_spaces.csv",
          "commissioners.csv",
          "group_members.csv",
          "group_assignments.csv",
          "service_categories.csv",
          "workday_overrides.csv");

  /** Reference files a landing zone must have; the others default to the project's copy. */
  public static final List<String> REQUIRED_REFERENCE_FILES = REFERENCE_FILES.subList(0, 5);

  private static final Pattern QUARTER_FOLDER = Pattern.compile("(\\d{4})Q([1-4])");
  private static final Pattern REPORT_FILE =
      Pattern.compile("(\\d{6})\\.(\\d{4}-\\d{2}-\\d{2})\\.(csv|xlsx)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DAY_FOLDER = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /**
   * One file of the landing zone.
   *
   * @param path relative to the landing root, with '/' separators (what tables call source_file)
   * @param source where it belongs
   * @param size bytes
   * @param modifiedMillis last modification time
   * @param problem why an UNRECOGNIZED file does not fit the layout (null otherwise)
   */
  public record LandingFile(
      String path, Source source, long size, long modifiedMillis, String problem) {

    /** For a quarterly report: {@code 2025Q3}. */
    public String quarter() {
      return path.split("/")[1];
    }

    /** For a quarterly report: the district code in its name. */
    public String reportDistrict() {
      return path.split("/")[2].substring(0, 6);
    }

    /** For a quarterly report: the submission date in its name. */
    public LocalDate submittedOn() {
      return LocalDate.parse(path.split("/")[2].substring(7, 17));
    }
  }

  private final Path root;

  public LandingZone(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path resolve(LandingFile f) {
    return root.resolve(f.path());
  }

  /** Every non-hidden file, sorted by path; refuses a missing or empty landing zone. */
  public List<LandingFile> scan() {
    if (!Files.exists(root)) {
      throw new UserError("landing zone not found: " + root);
    }
    if (!Files.isDirectory(root)) {
      throw new UserError("landing zone is not a folder: " + root);
    }
    List<LandingFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (isHidden(rel)) {
          continue;
        }
        if (!Files.isReadable(p)) {
          throw new UserError("cannot read landing file: " + p + " (permission denied)");
        }
        files.add(classify(rel, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
      }
    } catch (IOException e) {
      throw new UserError("cannot list the landing zone " + root + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new UserError(
          "landing zone is empty: "
              + root
              + " (expected reference/, quarterly_reports/ and request_logs/)");
    }
    for (String required : REQUIRED_REFERENCE_FILES) {
      String rel = "reference/" + required;
      if (files.stream().noneMatch(f -> f.path().equals(rel))) {
        throw new UserError("missing required landing file: " + root.resolve(rel));
      }
    }
    return files;
  }

  private static boolean isHidden(String rel) {
    for (String part : rel.split("/")) {
      if (part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static LandingFile classify(String rel, long size, long mtime) {
    String[] parts = rel.split("/");
    String problem;
    if (parts[0].equals("reference")) {
      if (parts.length == 2 && REFERENCE_FILES.contains(parts[1])) {
        return new LandingFile(rel, Source.REFERENCE, size, mtime, null);
      }
      problem = "not one of the reference files " + REFERENCE_FILES;
    } else if (parts[0].equals("quarterly_reports")) {
      problem = reportProblem(parts);
      if (problem == null) {
        return new LandingFile(rel, Source.QUARTERLY_REPORTS, size, mtime, null);
      }
    } else if (parts[0].equals("request_logs")) {
      if (parts.length == 3
          && DAY_FOLDER.matcher(parts[1]).matches()
          && isDate(parts[1])
          && (parts[2].endsWith(".jsonl") || parts[2].endsWith(".jsonl.gz"))) {
        return new LandingFile(rel, Source.REQUEST_LOGS, size, mtime, null);
      }
      problem = "expected request_logs/<YYYY-MM-DD>/<name>.jsonl or .jsonl.gz";
    } else {
      problem = "not under reference/, quarterly_reports/ or request_logs/";
    }
    return new LandingFile(rel, Source.UNRECOGNIZED, size, mtime, problem);
  }

  private static String reportProblem(String[] parts) {
    String expected =
        "expected quarterly_reports/<YYYY>Q<q>/<district_code>.<submitted YYYY-MM-DD>.csv (or .xlsx)";
    if (parts.length != 3) {
      return expected;
    }
    Matcher q = QUARTER_FOLDER.matcher(parts[1]);
    Matcher f = REPORT_FILE.matcher(parts[2]);
    if (!q.matches() || !f.matches() || !isDate(f.group(2))) {
      return expected;
    }
    return null;
  }

  private static boolean isDate(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The whole file, or a clear error naming it. */
  public byte[] read(LandingFile f) {
    Path p = resolve(f);
    try {
      return Files.readAllBytes(p);
    } catch (AccessDeniedException e) {
      throw new UserError("cannot read landing file: " + p + " (permission denied)", e);
    } catch (IOException e) {
      throw new UserError("cannot read landing file: " + p + " (" + e.getMessage() + ")", e);
    }
  }

  /** SHA-256 of the file's bytes, hex. */
  public String sha256(LandingFile f) {
    Path p = resolve(f);
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UserError("cannot read landing file: " + p + " (" + e.getMessage() + ")", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
