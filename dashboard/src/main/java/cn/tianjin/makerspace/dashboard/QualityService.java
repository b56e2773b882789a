package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SqlResources;
import cn.tianjin.makerspace.contract.ReasonCode;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 数据质量 — what the ingestion rejected and what it read: the quarantine by source and reason
 * code, the quarantined rows themselves, and the ingestion runs with their counts.
 *
 * <p>Scope ({@code district}, null for all): a quarantine row or manifest row belongs to a
 * district only when its file is a quarterly report named as the contract lays out,
 * {@code quarterly_reports/<YYYY>Q<q>/<district_code>.<YYYY-MM-DD>.csv}. Reference files and
 * request logs hold every district's data in one file, and a misnamed file's district is only a
 * claim, so their rows belong to no district: they are shown only when the scope is all districts
 * (see {@code dashboard-sql/quality/summary.sql}).
 */
public final class QualityService {
  /** The sources, as {@code ingest_runs.source} names them and the first folder of a landing path. */
  public static final List<String> SOURCES = List.of("reference", "quarterly_reports", "request_logs", "unrecognized");
  /** The sources some of whose rows belong to a district (quarantine.district_code). */
  public static final List<String> DISTRICT_SOURCES = List.of("quarterly_reports", "request_logs");

  /** A reason code with a one-line label in Chinese and English. */
  public record Reason(String code, String zh, String en, String description) {}

  private final LiveSnapshot live;

  public QualityService(LiveSnapshot live) {
    this.live = live;
  }

  /**
   * The 数据质量 page's summary: the quarantine counts in scope by source × reason (summary.sql's
   * rows), every reason's labels, and the totals by source and in all.
   */
  public record Summary(String district, List<String> sources, List<Reason> reasons, List<Map<String, Object>> counts,
      Map<String, Long> bySource, long total) {}

  /** One page of ingestion runs in scope, newest first, of {@code total}. */
  public record Runs(String district, long total, int offset, int limit, List<Run> runs) {}

  /** An ingestion run: when, and its counts by source (runs.sql's other columns). */
  public record Run(@JsonProperty("run_id") String runId, @JsonProperty("ingested_at") Object ingestedAt, List<Map<String, Object>> sources) {}

  public Summary summary(String district) {
    return live.cached("QualityService.summary", () -> computeSummary(district), district);
  }

  private Summary computeSummary(String district) {
    SnapshotDatabase db = live.get();
    List<Map<String, Object>> counts = db.select(sql("summary"), district).records();
    Map<String, Long> bySource = new LinkedHashMap<>();
    long total = 0;
    for (Map<String, Object> c : counts) {
      long n = ((Number) c.get("rows")).longValue();
      bySource.merge((String) c.get("source"), n, Long::sum);
      total += n;
    }
    return new Summary(district, SOURCES, reasons(db), counts, bySource, total);
  }

  /** The quarantine counts in scope by source × reason (summary.sql's rows) as a list: the 数据质量 table's export. */
  public ListPage.Listing counts(String district) {
    return live.cached("QualityService.counts", () -> {
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("district", district);
      return new ListPage.Listing("quarantine-counts", "隔离数据行（按来源与原因）", scope, ListPage.Rows.of(live.get().select(sql("summary"), district)));
    }, district);
  }

  /** The quarantine rows in scope, of a source and a reason (each null for any): the whole list. */
  public ListPage.Listing rows(String district, String source, String reason) {
    return live.cached("QualityService.rows", () -> {
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("district", district);
      scope.put("source", source);
      scope.put("reason", reason);
      return new ListPage.Listing("quarantine", "隔离数据行", scope, ListPage.Rows.of(live.get().select(sql("rows"), district, source, reason)));
    }, district, source, reason);
  }


  /** One page of ingestion runs in scope, newest first, each with its counts by source. */
  public Runs runs(String district, int offset, int limit) {
    return live.cached("QualityService.runs", () -> computeRuns(district, offset, limit), district, offset, limit);
  }

  private Runs computeRuns(String district, int offset, int limit) {
    SnapshotDatabase db = live.get();
    Map<String, Run> byRun = new LinkedHashMap<>();
    for (Map<String, Object> r : db.select(sql("runs"), district, limit, offset).records()) {
      Run run = byRun.computeIfAbsent((String) r.get("run_id"), id -> new Run(id, r.get("ingested_at"), new ArrayList<>()));
      Map<String, Object> source = new LinkedHashMap<>(r);
      source.remove("run_id");
      source.remove("ingested_at");
      run.sources().add(source);
    }
    long total = ((Number) db.select(sql("runs_count"), district).records().get(0).get("total")).longValue();
    return new Runs(district, total, offset, limit, List.copyOf(byRun.values()));
  }

  /** The reason codes a filter accepts: those the ingestion defines and any found in quarantine. */
  public Set<String> reasonCodes() {
    Set<String> codes = new LinkedHashSet<>();
    for (ReasonCode r : ReasonCode.values()) {
      codes.add(r.name());
    }
    live.get().select(sql("reasons")).rows().forEach(r -> codes.add((String) r.get(0)));
    return codes;
  }

  /** Every reason code with its labels, in the order of docs/reason-codes.md; unknown ones last, labelled by code. */
  private List<Reason> reasons(SnapshotDatabase db) {
    List<Reason> out = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>();
    for (ReasonCode r : ReasonCode.values()) {
      out.add(label(r));
      known.add(r.name());
    }
    for (List<Object> row : db.select(sql("reasons")).rows()) {
      String code = (String) row.get(0);
      if (!known.contains(code)) {
        out.add(new Reason(code, code, code, ""));
      }
    }
    return out;
  }

  /** The one-line labels (docs/reason-codes.md); a new code fails to compile here until it has one. */
  public static Reason label(ReasonCode r) {
    String[] zhEn = switch (r) {
      case BAD_FILE_NAME -> new String[] {"文件名或目录不符合落地区规范", "File name or folder does not follow the landing layout"};
      case UNREADABLE_FILE -> new String[] {"文件自此行起无法读取（压缩包截断或损坏）", "File unreadable from this line on (truncated or corrupt .gz)"};
      case BAD_HEADER -> new String[] {"CSV 表头缺少必需列", "CSV header lacks a required column"};
      case WRONG_FIELD_COUNT -> new String[] {"字段数与表头不一致（或引号未闭合）", "Field count differs from the header (or a quote left open)"};
      case MISSING_VALUE -> new String[] {"必填字段为空", "A required field is empty"};
      case BAD_VALUE -> new String[] {"日期、数值或是/否字段无法解析或超出范围", "Date, number or true/false unparsable or out of range"};
      case DATE_OUTSIDE_QUARTER -> new String[] {"现场办公日期不在季报所属季度内", "Session date outside the report's quarter"};
      case GROUP_NOT_IN_DISTRICT -> new String[] {"服务小组不属于报送区县", "Service group is not a group of the reporting district"};
      case GROUP_NOT_ASSIGNED -> new String[] {"该日服务小组未派驻该众创空间", "Group not assigned to that space on that date"};
      case BAD_MEMBER -> new String[] {"服务专员编号未知、当日不在小组或未填写", "Member unknown, not in the group that day, or none listed"};
      case UNKNOWN_REFERENCE -> new String[] {"基础数据引用了未知的区县、专员、小组或空间", "Reference row names an unknown district, commissioner, group or space"};
      case DUPLICATE_KEY -> new String[] {"基础数据文件内主键重复", "Reference row repeats the key of an earlier row"};
      case NOT_JSON -> new String[] {"不是 JSON 对象", "Not a JSON object"};
      case MISSING_FIELD -> new String[] {"缺少必需字段（event_id、request_id、type、ts 等）", "Required field missing (event_id, request_id, type, ts, …)"};
      case UNKNOWN_TYPE -> new String[] {"事件类型未知", "Unknown event type"};
      case UNKNOWN_CHANNEL -> new String[] {"受理渠道未知（应为现场、热线、网站、微信）", "Unknown channel (not on-site, hotline, web or WeChat)"};
      case UNKNOWN_CATEGORY -> new String[] {"服务类别未知", "Unknown service category"};
      case UNKNOWN_SPACE -> new String[] {"众创空间编号未知", "Unknown maker space"};
      case BAD_TIMESTAMP -> new String[] {"时间戳不是 ISO-8601 格式", "Timestamp is not ISO-8601"};
      case BAD_SATISFACTION -> new String[] {"满意度不是 1–5 的整数", "Satisfaction is not an integer from 1 to 5"};
      case ORPHAN_REQUEST -> new String[] {"需求有事件但无有效受理（RECEIVED）记录", "Request has events but no accepted RECEIVED"};
    };
    return new Reason(r.name(), zhEn[0], zhEn[1], r.description());
  }

  private static String sql(String name) {
    return SqlResources.load("dashboard-sql/quality/" + name + ".sql");
  }
}
