package cn.tianjin.makerspace.ingestion;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The curated tables ingestion publishes (data contract, section 2), with their Spark schemas.
 * Names are the contract's; analysts query them by these names.
 */
public final class CuratedTables {
  public static final String DISTRICTS = "districts";
  public static final String MAKER_SPACES = "maker_spaces";
  public static final String COMMISSIONERS = "commissioners";
  public static final String GROUP_MEMBERS = "group_members";
  public static final String GROUP_ASSIGNMENTS = "group_assignments";
  public static final String SERVICE_CATEGORIES = "service_categories";
  public static final String WORKDAY_OVERRIDES = "workday_overrides";
  public static final String ONSITE_SESSIONS = "onsite_sessions";
  public static final String REQUEST_EVENTS = "request_events";
  public static final String QUARTERLY_REPORTS = "quarterly_reports";
  public static final String QUARANTINE = "quarantine";
  public static final String INGEST_RUNS = "ingest_runs";

  public static final StructType DISTRICTS_SCHEMA =
      new StructType()
          .add("district_code", StringType, false)
          .add("name_zh", StringType)
          .add("name_en", StringType);

  public static final StructType MAKER_SPACES_SCHEMA =
      new StructType()
          .add("space_id", StringType, false)
          .add("name", StringType)
          .add("district_code", StringType, false)
          .add("university_hosted", BooleanType)
          .add("opened_on", DateType)
          .add("closed_on", DateType);

  public static final StructType COMMISSIONERS_SCHEMA =
      new StructType()
          .add("commissioner_id", StringType, false)
          .add("name", StringType)
          .add("district_code", StringType, false)
          .add("department", StringType)
          .add("career_start_date", DateType)
          .add("grassroots_experience", BooleanType)
          .add("filed_on", DateType);

  public static final StructType GROUP_MEMBERS_SCHEMA =
      new StructType()
          .add("group_id", StringType, false)
          .add("district_code", StringType, false)
          .add("commissioner_id", StringType, false)
          .add("valid_from", DateType, false)
          .add("valid_to", DateType);

  public static final StructType GROUP_ASSIGNMENTS_SCHEMA =
      new StructType()
          .add("group_id", StringType, false)
          .add("space_id", StringType, false)
          .add("valid_from", DateType, false)
          .add("valid_to", DateType);

  public static final StructType SERVICE_CATEGORIES_SCHEMA =
      new StructType()
          .add("category_code", StringType, false)
          .add("article", StringType)
          .add("name_zh", StringType)
          .add("name_en", StringType);

  public static final StructType WORKDAY_OVERRIDES_SCHEMA =
      new StructType()
          .add("date", DateType, false)
          .add("is_off_day", BooleanType, false)
          .add("name", StringType)
          .add("source", StringType, false);

  public static final StructType ONSITE_SESSIONS_SCHEMA =
      new StructType()
          .add("district_code", StringType, false)
          .add("quarter", StringType, false)
          .add("session_date", DateType, false)
          .add("group_id", StringType, false)
          .add("space_id", StringType, false)
          .add("member_ids", DataTypes.createArrayType(StringType, false))
          .add("hours", DoubleType, false)
          .add("requests_received", IntegerType, false)
          .add("notes", StringType)
          .add("source_file", StringType, false)
          .add("line_number", LongType, false);

  public static final StructType REQUEST_EVENTS_SCHEMA =
      new StructType()
          .add("event_id", StringType, false)
          .add("request_id", StringType, false)
          .add("type", StringType, false)
          .add("ts", TimestampType, false)
          .add("channel", StringType)
          .add("space_id", StringType)
          .add("category", StringType)
          .add("commissioner_id", StringType)
          .add("satisfaction", IntegerType)
          .add("note", StringType)
          .add("source_file", StringType, false)
          .add("line_number", LongType, false);

  public static final StructType QUARTERLY_REPORTS_SCHEMA =
      new StructType()
          .add("district_code", StringType, false)
          .add("quarter", StringType, false)
          .add("submitted_on", DateType, false)
          .add("source_file", StringType, false)
          .add("rows_accepted", LongType, false)
          .add("rows_rejected", LongType, false)
          .add("is_latest", BooleanType, false);

  public static final StructType QUARANTINE_SCHEMA =
      new StructType()
          .add("source_file", StringType, false)
          .add("line_number", LongType, false)
          .add("reason_code", StringType, false)
          .add("detail", StringType)
          .add("raw", StringType)
          .add("district_code", StringType);

  public static final StructType INGEST_RUNS_SCHEMA =
      new StructType()
          .add("run_id", StringType, false)
          .add("source", StringType, false)
          .add("source_file", StringType, false)
          .add("action", StringType, false)
          .add("size_bytes", LongType, false)
          .add("modified_at", TimestampType)
          .add("sha256", StringType)
          .add("encoding", StringType)
          .add("rows_read", LongType, false)
          .add("rows_accepted", LongType, false)
          .add("rows_quarantined", LongType, false)
          .add("duplicates_dropped", LongType, false)
          .add("counted", BooleanType, false)
          .add("ingested_at", TimestampType, false);

  /** Every curated table, in the order they are written. */
  public static final Map<String, StructType> ALL = new LinkedHashMap<>();

  static {
    ALL.put(DISTRICTS, DISTRICTS_SCHEMA);
    ALL.put(MAKER_SPACES, MAKER_SPACES_SCHEMA);
    ALL.put(COMMISSIONERS, COMMISSIONERS_SCHEMA);
    ALL.put(GROUP_MEMBERS, GROUP_MEMBERS_SCHEMA);
    ALL.put(GROUP_ASSIGNMENTS, GROUP_ASSIGNMENTS_SCHEMA);
    ALL.put(SERVICE_CATEGORIES, SERVICE_CATEGORIES_SCHEMA);
    ALL.put(WORKDAY_OVERRIDES, WORKDAY_OVERRIDES_SCHEMA);
    ALL.put(ONSITE_SESSIONS, ONSITE_SESSIONS_SCHEMA);
    ALL.put(REQUEST_EVENTS, REQUEST_EVENTS_SCHEMA);
    ALL.put(QUARTERLY_REPORTS, QUARTERLY_REPORTS_SCHEMA);
    ALL.put(QUARANTINE, QUARANTINE_SCHEMA);
    ALL.put(INGEST_RUNS, INGEST_RUNS_SCHEMA);
  }

  private CuratedTables() {}
}
