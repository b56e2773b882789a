package cn.tianjin.makerspace.contract;

import cn.tianjin.makerspace.common.Quarter;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The contract's checks of one quarterly-report row (section 1, rules 1–6, in that order), given
 * the reference data. One implementation: the ingest job and (later) the upload page use it.
 */
public final class ReportCheck implements Serializable {
  public static final List<String> COLUMNS =
      List.of(
          "session_date", "group_id", "space_id", "member_ids", "hours", "requests_received",
          "notes");

  /** A commissioner's membership of a group, dates inclusive, {@code to} null = open. */
  public record Membership(String group, String commissioner, LocalDate from, LocalDate to)
      implements Serializable {
    public boolean covers(LocalDate d) {
      return !d.isBefore(from) && (to == null || !d.isAfter(to));
    }
  }

  /** A group's assignment to a space, dates inclusive, {@code to} null = open. */
  public record Assignment(String group, String space, LocalDate from, LocalDate to)
      implements Serializable {
    public boolean covers(LocalDate d) {
      return !d.isBefore(from) && (to == null || !d.isAfter(to));
    }
  }

  private final Map<String, String> groupDistrict;
  private final Map<String, List<Membership>> membersByGroup = new HashMap<>();
  private final Map<String, List<Assignment>> assignmentsByGroup = new HashMap<>();
  private final Set<String> commissioners;

  /**
   * The checks against this reference data: each group's district, the memberships, the
   * assignments and the known commissioners (the ingest reads them from the landing zone's
   * reference files, the upload page from the live snapshot's curated tables).
   */
  public ReportCheck(
      Map<String, String> groupDistrict,
      List<Membership> memberships,
      List<Assignment> assignments,
      Set<String> commissioners) {
    this.groupDistrict = Map.copyOf(groupDistrict);
    this.commissioners = Set.copyOf(commissioners);
    for (Membership m : memberships) {
      membersByGroup.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m);
    }
    for (Assignment a : assignments) {
      assignmentsByGroup.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a);
    }
  }

  /**
   * Checks one row of the report of {@code district} for {@code quarter} and returns the
   * {@code onsite_sessions} row, or throws {@link Rejected} with the first failing rule.
   */
  public Row check(CsvRow r, String district, String quarter, String sourceFile)
      throws Rejected {
    // rule 2: parsable and in range (rule 1, the field count, is checked by CsvFile)
    LocalDate date = r.date("session_date", true);
    double hours = r.decimal("hours");
    if (!(hours > 0 && hours <= 12)) {
      throw new Rejected(ReasonCode.BAD_VALUE, "hours: " + r.text("hours") + " is not in (0, 12]");
    }
    int requests = r.nonNegativeInt("requests_received");
    // rule 3
    if (!Quarter.parse(quarter).contains(date)) {
      throw new Rejected(
          ReasonCode.DATE_OUTSIDE_QUARTER, "session_date " + date + " is not in " + quarter);
    }
    // rule 4
    String group = r.text("group_id");
    if (group == null || !district.equals(groupDistrict.get(group))) {
      throw new Rejected(
          ReasonCode.GROUP_NOT_IN_DISTRICT,
          "group_id '" + (group == null ? "" : group) + "' is not a group of district " + district);
    }
    // rule 5
    String space = r.text("space_id");
    boolean assigned =
        space != null
            && assignmentsByGroup.getOrDefault(group, List.of()).stream()
                .anyMatch(a -> a.space().equals(space) && a.covers(date));
    if (!assigned) {
      throw new Rejected(
          ReasonCode.GROUP_NOT_ASSIGNED,
          "group " + group + " was not assigned to space '" + (space == null ? "" : space)
              + "' on " + date);
    }
    // rule 6
    String membersText = r.text("member_ids");
    if (membersText == null) {
      throw new Rejected(ReasonCode.BAD_MEMBER, "member_ids is empty");
    }
    List<String> members = new ArrayList<>();
    for (String m : membersText.split(";")) {
      String id = m.trim();
      if (id.isEmpty()) {
        continue;
      }
      if (!commissioners.contains(id)) {
        throw new Rejected(ReasonCode.BAD_MEMBER, "member " + id + " is not a known commissioner");
      }
      boolean member =
          membersByGroup.getOrDefault(group, List.of()).stream()
              .anyMatch(ms -> ms.commissioner().equals(id) && ms.covers(date));
      if (!member) {
        throw new Rejected(
            ReasonCode.BAD_MEMBER, "member " + id + " was not in group " + group + " on " + date);
      }
      members.add(id);
    }
    if (members.isEmpty()) {
      throw new Rejected(ReasonCode.BAD_MEMBER, "member_ids lists nobody");
    }
    return RowFactory.create(
        district,
        quarter,
        date,
        group,
        space,
        List.copyOf(members),
        hours,
        requests,
        r.text("notes"),
        sourceFile,
        (long) r.line());
  }
}
