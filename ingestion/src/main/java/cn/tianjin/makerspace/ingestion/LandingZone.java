package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.common.Folder;
import cn.tianjin.makerspace.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
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
import org.apache.hadoop.security.AccessControlException;

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

  private final Folder folder;

  /** The landing zone in a local folder. */
  public LandingZone(Path root) {
    this(Folder.open(root.toAbsolutePath().normalize().toString()));
  }

  private LandingZone(Folder folder) {
    this.folder = folder;
  }

  /**
   * The landing zone at {@code location}: a local folder or {@code hdfs://NAMENODE:PORT/PATH}.
   *
   * @throws UserError for a scheme no folder may live on
   */
  public static LandingZone at(String location) {
    return new LandingZone(Folder.open(location));
  }

  /** Its folder: where an upload writes a report. */
  public Folder folder() {
    return folder;
  }

  /** The root as people name it: an absolute local path, or an hdfs:// URI. */
  public String location() {
    return folder.location();
  }

  /** The file as people name it: an absolute local path, or an hdfs:// URI. */
  public String location(LandingFile f) {
    return folder.location() + "/" + f.path();
  }

  /** The file as a URI with its scheme ({@code file:…}, {@code hdfs://…}), for Spark. */
  String uri(LandingFile f) {
    return folder.location(f.path());
  }

  /** The path part of the root's URI, ending in '/': what precedes a file's relative path in Spark's {@code path} column. */
  String rootUriPath() {
    String path = URI.create(folder.location("")).getPath();
    return path.endsWith("/") ? path : path + "/";
  }

  /** Every non-hidden file, sorted by path; refuses a missing or empty landing zone. */
  public List<LandingFile> scan() {
    List<LandingFile> files = new ArrayList<>();
    try {
      if (!folder.exists("")) {
        throw new UserError("landing zone not found: " + location());
      }
      if (!folder.isDirectory("")) {
        throw new UserError("landing zone is not a folder: " + location());
      }
      for (Folder.Entry e : folder.walk("")) {
        if (isHidden(e.path())) {
          continue;
        }
        if (!folder.canRead(e.path())) {
          throw new UserError("cannot read landing file: " + location() + "/" + e.path() + " (permission denied)");
        }
        files.add(classify(e.path(), e.size(), e.modifiedMillis()));
      }
    } catch (IOException e) {
      throw new UserError("cannot list the landing zone " + location() + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new UserError(
          "landing zone is empty: "
              + location()
              + " (expected reference/, quarterly_reports/ and request_logs/)");
    }
    for (String required : REQUIRED_REFERENCE_FILES) {
      String rel = "reference/" + required;
      if (files.stream().noneMatch(f -> f.path().equals(rel))) {
        throw new UserError("missing required landing file: " + location() + "/" + rel);
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
    try (InputStream in = folder.newInputStream(f.path())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw unreadable(f, e);
    }
  }

  /** SHA-256 of the file's bytes, hex. */
  public String sha256(LandingFile f) {
    try (InputStream in = folder.newInputStream(f.path())) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw unreadable(f, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private UserError unreadable(LandingFile f, IOException e) {
    String why = e instanceof AccessDeniedException || e instanceof AccessControlException ? "permission denied" : e.getMessage();
    return new UserError("cannot read landing file: " + location(f) + " (" + why + ")", e);
  }
}
