package cn.tianjin.makerspace.contract;

/**
 * Why a landing row or line was quarantined. The names are stable: analysts filter on them and
 * docs/reason-codes.md lists them; add new ones, never rename.
 */
public enum ReasonCode {
  // any file
  BAD_FILE_NAME("the file's name or folder does not follow the landing-zone layout"),
  UNREADABLE_FILE("the file cannot be read on from this line (a truncated or corrupt .gz)"),
  BAD_HEADER("the CSV header lacks a column the contract requires"),
  // CSV rows (reference files and quarterly reports), in the contract's order of checks
  WRONG_FIELD_COUNT("the row has a different number of fields than the header"),
  MISSING_VALUE("a required field is empty"),
  BAD_VALUE("a date, number or true/false field is unparsable or out of range"),
  DATE_OUTSIDE_QUARTER("the session date is not in the quarter of the report's folder"),
  GROUP_NOT_IN_DISTRICT("the service group is not a group of the reporting district"),
  GROUP_NOT_ASSIGNED("the group was not assigned to that space on that date"),
  BAD_MEMBER("a member id is unknown or was not a member of the group on that date"),
  UNKNOWN_REFERENCE("a reference row names a district, commissioner, group or space that is unknown"),
  DUPLICATE_KEY("a reference row repeats the key of an earlier row of the same file"),
  // request-log lines
  NOT_JSON("the line is not a JSON object"),
  MISSING_FIELD("event_id, request_id, type or ts (or channel/space_id/category on RECEIVED) is missing"),
  UNKNOWN_TYPE("type is not RECEIVED, ASSIGNED, FEEDBACK or CLOSED"),
  UNKNOWN_CHANNEL("channel is not ONSITE, HOTLINE, WEB or WECHAT"),
  UNKNOWN_CATEGORY("category is not a service category"),
  UNKNOWN_SPACE("space_id is not a maker space of the reference data"),
  BAD_TIMESTAMP("ts is not an ISO-8601 timestamp"),
  BAD_SATISFACTION("satisfaction is not a JSON integer from 1 to 5"),
  ORPHAN_REQUEST("the request has events but no accepted RECEIVED event (re-checked every run)");

  private final String description;

  ReasonCode(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
