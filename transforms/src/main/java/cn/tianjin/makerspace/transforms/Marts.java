package cn.tianjin.makerspace.transforms;

import java.util.List;

/**
 * The marts the transform job publishes (data contract, section 2), in the order they are
 * computed. The first, work_calendar, is built on the driver by {@link WorkCalendarMart}; every
 * other mart's SQL is {@code marts/<name>.sql} on the class path: a chain of named CTEs ending in
 * {@code select * from final}, over the curated tables and the marts before it.
 */
public final class Marts {
  public static final String WORK_CALENDAR = "work_calendar";
  public static final String REQUESTS = "requests";
  public static final String CALENDAR_QUARTERS = "calendar_quarters";
  public static final String CALENDAR_WEEKS = "calendar_weeks";
  public static final String SERVICE_GROUPS = "service_groups";
  public static final String SPACE_QUARTERS = "space_quarters";
  public static final String GROUP_QUARTERS = "group_quarters";
  public static final String ONSITE_WEEKS = "onsite_weeks";
  public static final String KPI_DISTRICT_QUARTER = "kpi_district_quarter";
  public static final String KPI_COMMISSIONER_YEAR = "kpi_commissioner_year";
  public static final String AWARD_ELIGIBILITY = "award_eligibility";
  public static final String AWARD_CANDIDATES = "award_candidates";
  public static final String AWARD_SHORTLIST = "award_shortlist";
  /** Not SQL: the rule values the shortlist was computed with (see AwardRules). */
  public static final String AWARD_RULES = "award_rules";

  public static final List<String> ALL =
      List.of(
          WORK_CALENDAR, REQUESTS, CALENDAR_QUARTERS, CALENDAR_WEEKS, SERVICE_GROUPS, SPACE_QUARTERS,
          GROUP_QUARTERS, ONSITE_WEEKS, KPI_DISTRICT_QUARTER, KPI_COMMISSIONER_YEAR, AWARD_ELIGIBILITY,
          AWARD_CANDIDATES, AWARD_SHORTLIST);

  /** The curated tables the marts read. */
  static final List<String> INPUTS =
      List.of(
          "districts", "maker_spaces", "commissioners", "group_members", "group_assignments",
          "service_categories", "workday_overrides", "onsite_sessions", "request_events",
          "quarterly_reports");

  private Marts() {}
}
