package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.Folder;
import cn.tianjin.makerspace.common.Quarter;
import cn.tianjin.makerspace.common.SqlResources;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.contract.CsvFile;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.ReasonCode;
import cn.tianjin.makerspace.contract.Rejected;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.TextDecoder;
import cn.tianjin.makerspace.contract.XlsxReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A district's quarterly report (季报, Art. 8) handed in through the browser: checked at once
 * with the pipeline's own checks ({@link CsvFile}, {@link XlsxReport}, {@link ReportCheck}) against
 * the live snapshot's reference data, shown to the clerk row by row, and written to the landing
 * zone under the contract's name only when the clerk confirms. Knows nothing of HTTP.
 */
public final class ReportUploadService {
  /** The most a file may weigh. */
  public static final int MAX_BYTES = 10 << 20;
  /** The most session rows a report may hold (a district files some hundreds a quarter). */
  public static final int MAX_ROWS = 20_000;
  /** How long a checked file waits for its confirmation. */
  static final Duration PENDING_FOR = Duration.ofMinutes(30);
  /** Checked files a user may have waiting; a further check drops that user's oldest. */
  static final int PENDING_PER_USER = 3;
  /** Bytes of checked files waiting, over all users; a check beyond it is refused until some are confirmed or expire. */
  static final long PENDING_BYTES = 64L << 20;

  private static final Pattern LEADING_COLUMN = Pattern.compile("^([a-z_]+)\\b");

  /** One rejected row: its line (the sheet's row number for a workbook), the field, why. */
  public record Problem(long line, String field, String reason, String detail, String raw) {}

  /**
   * The district's report for the quarter in force in the live snapshot (quarterly_reports'
   * latest submission), which a confirmed upload replaces: when it was submitted, its file, its
   * rows accepted and rejected.
   */
  public record InForce(String submittedOn, String sourceFile, long rowsAccepted, long rowsRejected) {}

  /** What the clerk sees before confirming; {@code inForce}: the report it would replace (null: none). */
  public record Preview(String token, String district, String quarter, String format, String encoding,
      int rowsRead, int rowsAccepted, List<Problem> problems, String landingPath, InForce inForce) {}

  /** What a confirmation wrote; {@code replaces}: the report in force it replaces once loaded (null: none). */
  public record Confirmed(String landingPath, boolean runQueued, InForce replaces) {}

  /**
   * A checked file until it expires: its bytes while it waits for confirmation; once confirmed
   * ({@code confirmed}) only its problems stay, so that the clerk can still export them.
   */
  private record Pending(String user, String district, String quarter, String fileName, String extension, byte[] bytes,
      int rowsAccepted, List<Problem> problems, boolean confirmed, Instant checked, Instant expires) {
    Pending asConfirmed() {
      return new Pending(user, district, quarter, fileName, extension, new byte[0], rowsAccepted, problems, true, checked, expires);
    }
  }

  private final LiveSnapshot live;
  private final Folder landing;
  private final java.util.function.Consumer<String> requestRun;
  private final java.util.function.Supplier<LocalDate> today;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final long pendingBytes;

  /**
   * {@code landing}: the landing zone confirmed reports are written to (null: the server has
   * none, and uploads are refused); {@code requestRun}: asks for a pipeline run after a
   * confirmation, given the user's name (null: the next scheduled run picks the file up);
   * {@code today}: the submission date a file is named by (the pipeline's today).
   */
  public ReportUploadService(LiveSnapshot live, Folder landing, java.util.function.Consumer<String> requestRun,
      java.util.function.Supplier<LocalDate> today) {
    this(live, landing, requestRun, today, PENDING_BYTES);
  }

  /** As above, with another cap on the bytes of checked files waiting (tests). */
  ReportUploadService(LiveSnapshot live, Folder landing, java.util.function.Consumer<String> requestRun,
      java.util.function.Supplier<LocalDate> today, long pendingBytes) {
    this.pendingBytes = pendingBytes;
    this.live = live;
    this.landing = landing;
    this.requestRun = requestRun;
    this.today = today;
  }

  /** Checks a file for {@code district}'s report of {@code quarter}; nothing is written. */
  public Preview check(User user, String district, String quarter, String fileName, byte[] bytes) {
    requireLanding();
    requireQuarter(quarter);
    if (bytes == null || bytes.length == 0) {
      throw new BilingualError(new Message("the file is empty", "文件是空的"));
    }
    if (bytes.length > MAX_BYTES) {
      throw new BilingualError(new Message("the file is larger than %d MB", "文件超过 %d MB").formatted(MAX_BYTES >> 20));
    }
    String extension = extension(fileName, bytes);
    String path = landingPath(district, quarter, extension);
    CsvFile file;
    String encoding;
    try {
      if (extension.equals("xlsx")) {
        file = XlsxReport.read(fileName, bytes, ReportCheck.COLUMNS, MAX_ROWS + 2); // the header, and one row too many at most
        encoding = "xlsx";
      } else {
        TextDecoder.Decoded text = TextDecoder.decode(bytes, fileName);
        file = new CsvFile(fileName, text.text(), ReportCheck.COLUMNS);
        encoding = text.encoding();
      }
    } catch (BilingualError e) {
      throw e;
    } catch (UserError e) { // the ingest's readers speak English: the reason is theirs
      throw new BilingualError(new Message("%s", "无法读取文件 %2$s。说明：%1$s").formatted(e.getMessage(), fileName));
    }
    if (file.records().size() > MAX_ROWS) {
      throw new BilingualError(new Message("the report has more than %d rows; at most %d are accepted", "季报超过 %d 行，最多接受 %d 行")
          .formatted(MAX_ROWS, MAX_ROWS));
    }
    ReportCheck check = live.cached("ReportUploadService.check", this::reportCheck);
    List<Problem> problems = new ArrayList<>();
    int accepted = 0;
    for (CsvRecords.Record r : file.records()) {
      try {
        file.check(r, x -> check.check(x, district, quarter, path));
        accepted++;
      } catch (Rejected x) {
        if (x.reason() == cn.tianjin.makerspace.contract.ReasonCode.BAD_HEADER) {
          throw new BilingualError(new Message("%s (the first row must name the columns: %s; download the template)",
              "表头不对：第一行须为各列的名称 %2$s，请下载模板填写（%1$s）").formatted(x.detail(), String.join(", ", ReportCheck.COLUMNS)));
        }
        problems.add(new Problem(r.line(), field(x.detail()), x.reason().name(), x.detail(), r.raw()));
      }
    }
    if (file.records().isEmpty()) {
      throw new BilingualError(new Message("the file holds no rows (a header row, then one row per on-site session)",
          "文件中没有数据行（第一行是表头，之后每次驻点一行）"));
    }
    String token = hold(user, new Pending(user.name(), district, quarter, fileName, extension, bytes, accepted, List.copyOf(problems), false,
        clock.instant(), clock.instant().plus(PENDING_FOR)));
    return new Preview(token, district, quarter, extension, encoding, file.records().size(), accepted, problems, path,
        inForce(district, quarter));
  }

  /**
   * The rows a check rejected, as a list (line, field, reason code, detail, the raw line): the
   * clerk's to sort and export while the check is kept ({@link #PENDING_FOR}), before
   * or after confirming. Only the user who uploaded the file may read them.
   */
  public ListPage.Listing problems(User user, String token) {
    Pending p = checked(user, token);
    Map<String, Object> scope = new java.util.LinkedHashMap<>();
    scope.put("district", p.district());
    scope.put("quarter", p.quarter());
    scope.put("file", p.fileName());
    List<Map<String, Object>> rows = p.problems().stream().map(x -> {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("line_number", x.line());
      m.put("field", x.field());
      m.put("reason_code", x.reason());
      m.put("detail", x.detail());
      m.put("raw", x.raw());
      return m;
    }).toList();
    return new ListPage.Listing("report-problems", "季报检查未通过的行", scope,
        new ListPage.Rows(List.of("line_number", "field", "reason_code", "detail", "raw"), rows));
  }

  /** The user's kept check of this token, or the error that says to upload again. */
  private Pending checked(User user, String token) {
    Pending p = token == null ? null : pending.get(token);
    if (p == null || !p.user().equals(user.name()) || p.expires().isBefore(clock.instant())) {
      throw noSuchUpload();
    }
    return p;
  }

  private static BilingualError noSuchUpload() {
    return new BilingualError(new Message("no checked upload with this token (it was confirmed, has expired after %d minutes,"
        + " or is another user's): upload the file again", "找不到这次检查的文件（它已提交、已超过 %d 分钟失效，或属于其他用户）：请重新上传")
        .formatted(PENDING_FOR.toMinutes()));
  }

  /** The district's report for the quarter in force in the live snapshot, or null. */
  public InForce inForce(String district, String quarter) {
    List<List<Object>> rows = live.get().select(SqlResources.load("dashboard-sql/upload/in_force.sql"), district, quarter).rows();
    if (rows.isEmpty()) {
      return null;
    }
    List<Object> r = rows.get(0);
    return new InForce((String) r.get(0), (String) r.get(1), r.get(2) == null ? 0 : ((Number) r.get(2)).longValue(),
        r.get(3) == null ? 0 : ((Number) r.get(3)).longValue());
  }

  /**
   * Writes a checked file to the landing zone as {@code quarterly_reports/<quarter>/<district>.<today>.<csv|xlsx>}
   * (a second upload on the same day replaces the first, whatever its format) and asks for a
   * pipeline run. Only the user who uploaded it may confirm it, and only a file with a row that
   * passes. Names the report in force that the file replaces once loaded.
   */
  public Confirmed confirm(User user, String token) {
    requireLanding();
    Pending p = checked(user, token);
    if (p.confirmed()) {
      throw noSuchUpload();
    }
    if (p.rowsAccepted() == 0) {
      throw new BilingualError(new Message("no row of this file passes the check, so it would load nothing (and replace the report in force):"
          + " fix the rows and check it again", "此文件没有一行通过检查，提交后不会载入任何数据（却会替换现行的季报）：请改正后重新检查"));
    }
    String rel = landingPath(p.district(), p.quarter(), p.extension());
    InForce replaces = inForce(p.district(), p.quarter());
    try {
      landing.createDirectories(rel.substring(0, rel.lastIndexOf('/')));
      landing.writeAtomically(rel, p.bytes());
      String other = p.extension().equals("csv") ? "xlsx" : "csv";
      landing.delete(landingPath(p.district(), p.quarter(), other));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + landing.location() + "/" + rel, e);
    }
    pending.replace(token, p, p.asConfirmed());
    if (requestRun != null) {
      requestRun.accept(user.name());
    }
    return new Confirmed(rel, requestRun != null, replaces);
  }

  /**
   * The template: the report's columns with their Chinese labels, one example row, and a sheet
   * of instructions (the contract's rules).
   */
  public static byte[] template() {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = wb.createSheet("季报");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle bold = wb.createCellStyle();
      var font = wb.createFont();
      font.setBold(true);
      bold.setFont(font);
      Row header = sheet.createRow(0);
      for (int i = 0; i < ReportCheck.COLUMNS.size(); i++) {
        var cell = header.createCell(i);
        cell.setCellValue(LABELS.get(ReportCheck.COLUMNS.get(i)) + " " + ReportCheck.COLUMNS.get(i));
        cell.setCellStyle(bold);
        sheet.setColumnWidth(i, 22 * 256);
      }
      Row example = sheet.createRow(1);
      var d = example.createCell(0);
      d.setCellValue(LocalDate.of(2025, 7, 3));
      d.setCellStyle(date);
      example.createCell(1).setCellValue("G0001");
      example.createCell(2).setCellValue("S0002");
      example.createCell(3).setCellValue("C00001;C00002");
      example.createCell(4).setCellValue(8);
      example.createCell(5).setCellValue(2);
      example.createCell(6).setCellValue("现场受理，已登记（示例行，提交前请删除）");
      Sheet help = wb.createSheet("填写说明");
      String[][] rules = {
        {"列 column", "含义", "规则 rule"},
        {"session_date", "现场办公日期 the day of the session", "在本季度内 inside the quarter"},
        {"group_id", "服务小组 the service group", "本区的小组 a group of your district"},
        {"space_id", "众创空间 the maker space", "当天该小组驻点的空间 the group was assigned to it that day"},
        {"member_ids", "到岗服务专员，用 ; 分隔 commissioners present, separated by ;", "当天是该小组成员 each a member of the group that day"},
        {"hours", "现场小时数 hours on site", "大于 0，不超过 12 more than 0, at most 12"},
        {"requests_received", "现场受理需求数 requests taken on site", "0 或正整数 a whole number ≥ 0"},
        {"notes", "备注 free text", "可空 optional"},
        {"", "", ""},
        {"文件 file", "每区每季度一份；第一行为表头，每行一次现场办公 one file per district and quarter; a header row, then one row per session", "津科创〔2015〕51号 第八条 Art. 8"},
      };
      for (int r = 0; r < rules.length; r++) {
        Row row = help.createRow(r);
        for (int c = 0; c < 3; c++) {
          row.createCell(c).setCellValue(rules[r][c]);
        }
      }
      help.setColumnWidth(0, 20 * 256);
      help.setColumnWidth(1, 60 * 256);
      help.setColumnWidth(2, 50 * 256);
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Chinese label of each report column (the template's header). */
  static final Map<String, String> LABELS = Map.of(
      "session_date", "驻点日期", "group_id", "服务小组", "space_id", "众创空间", "member_ids", "到岗专员",
      "hours", "驻点小时", "requests_received", "受理需求数", "notes", "备注");

  // ---------------------------------------------------------------------------------------------

  private void requireLanding() {
    if (landing == null) {
      throw new BilingualError(new Message("this server has no landing zone (start it with --landing DIR): reports cannot be uploaded here",
          "此服务器没有落地区（启动时须加 --landing DIR），不能在这里上报季报"));
    }
  }

  private void requireQuarter(String quarter) {
    Quarter q = Quarter.tryParse(quarter)
        .orElseThrow(() -> new BilingualError(new Message("quarter must look like 2025Q3", "季度须写成 2025Q3 的形式")));
    if (q.firstDay().isAfter(today.get())) {
      throw new BilingualError(new Message("the quarter %s has not begun", "季度 %s 尚未开始").formatted(quarter));
    }
  }

  private String landingPath(String district, String quarter, String extension) {
    return "quarterly_reports/" + quarter + "/" + district + "." + today.get() + "." + extension;
  }

  /** csv or xlsx, from the name, or from the content (an .xlsx is a zip: it starts with PK). */
  private static String extension(String fileName, byte[] bytes) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    boolean zip = bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K';
    if (name.endsWith(".xlsx") || (zip && !name.endsWith(".csv"))) {
      return "xlsx";
    }
    if (name.endsWith(".csv") || name.isEmpty()) {
      if (zip) {
        throw new BilingualError(new Message("%s is a workbook, not a CSV file: save it as .xlsx, or as CSV from Excel",
            "%s 是 Excel 工作簿，不是 CSV 文件：请存为 .xlsx，或在 Excel 中另存为 CSV").formatted(fileName));
      }
      return "csv";
    }
    throw new BilingualError(new Message("only a CSV (.csv, UTF-8 or GB18030) or an Excel workbook (.xlsx) can be uploaded, not %s",
        "只能上传 CSV 文件（.csv，UTF-8 或 GB18030 编码）或 Excel 工作簿（.xlsx），不能上传 %s").formatted(fileName));
  }

  /** The field a rejection names first (the checks start their details with it), or null. */
  static String field(String detail) {
    Matcher m = detail == null ? null : LEADING_COLUMN.matcher(detail);
    if (m != null && m.find() && ReportCheck.COLUMNS.contains(m.group(1))) {
      return m.group(1);
    }
    if (detail != null && detail.startsWith("member ")) {
      return "member_ids";
    }
    if (detail != null && detail.startsWith("group ")) {
      return "space_id"; // "group G was not assigned to space S on D"
    }
    return null;
  }

  private ReportCheck reportCheck() {
    Map<String, String> groupDistrict = new HashMap<>();
    List<ReportCheck.Membership> memberships = new ArrayList<>();
    List<ReportCheck.Assignment> assignments = new ArrayList<>();
    Set<String> commissioners = new HashSet<>();
    for (List<Object> r : live.get().select(SqlResources.load("dashboard-sql/upload/report_reference.sql")).rows()) {
      switch ((String) r.get(0)) {
        case "member" -> {
          memberships.add(new ReportCheck.Membership((String) r.get(1), (String) r.get(2), date(r.get(3)), date(r.get(4))));
          groupDistrict.putIfAbsent((String) r.get(1), (String) r.get(5));
        }
        case "assignment" -> assignments.add(new ReportCheck.Assignment((String) r.get(1), (String) r.get(2), date(r.get(3)), date(r.get(4))));
        default -> commissioners.add((String) r.get(2));
      }
    }
    return new ReportCheck(groupDistrict, memberships, assignments, commissioners);
  }

  private static LocalDate date(Object v) {
    return v == null ? null : v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
  }

  /**
   * Keeps a checked file until it is confirmed or expires, within the caps: a user's oldest waiting
   * file goes when they have {@value #PENDING_PER_USER}, and a file that would take the waiting
   * bytes over {@link #PENDING_BYTES} (64 MB) is refused. Returns its token.
   */
  private synchronized String hold(User user, Pending p) {
    Instant now = clock.instant();
    pending.values().removeIf(x -> x.expires().isBefore(now));
    List<Map.Entry<String, Pending>> mine = pending.entrySet().stream().filter(e -> e.getValue().user().equals(user.name()))
        .sorted(java.util.Comparator.comparing(e -> e.getValue().checked())).toList();
    for (int i = 0; i <= mine.size() - PENDING_PER_USER; i++) {
      pending.remove(mine.get(i).getKey());
    }
    long waiting = pending.values().stream().mapToLong(x -> x.bytes().length).sum();
    if (waiting + p.bytes().length > pendingBytes) {
      throw new BilingualError(new Message("the server already holds %d MB of checked reports waiting for confirmation; try again in a few minutes",
          "服务器上已有 %d MB 已检查、待确认的季报：请过几分钟再试").formatted(waiting >> 20));
    }
    String token = token();
    pending.put(token, p);
    return token;
  }

  private String token() {
    byte[] b = new byte[18];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
