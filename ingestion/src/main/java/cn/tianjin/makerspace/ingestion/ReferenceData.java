package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.CuratedTables.COMMISSIONERS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.DISTRICTS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.GROUP_ASSIGNMENTS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.GROUP_MEMBERS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.MAKER_SPACES;
import static cn.tianjin.makerspace.ingestion.CuratedTables.SERVICE_CATEGORIES;
import static cn.tianjin.makerspace.ingestion.CuratedTables.WORKDAY_OVERRIDES;

import cn.tianjin.makerspace.contract.CsvFile;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.EventCheck;
import cn.tianjin.makerspace.contract.ReasonCode;
import cn.tianjin.makerspace.contract.Rejected;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.TextDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The reference files of a landing zone, validated in dependency order (districts first, so a
 * space in an unknown district is rejected). Small enough to check on the driver; the accepted
 * rows become the reference tables and the lookups that report and event checks use.
 */
public final class ReferenceData {
  static final String PROJECT_DEFAULT = "(project default)";

  private final Map<String, List<Row>> rows = new LinkedHashMap<>();
  private final List<QuarantineRow> quarantine = new ArrayList<>();
  private final List<FileCounts> counts = new ArrayList<>();

  private final Set<String> districts = new HashSet<>();
  private final Map<String, String> spaceDistricts = new HashMap<>(); // space_id -> district_code
  private final Set<String> commissioners = new HashSet<>();
  private final Set<String> categories = new HashSet<>();
  private final Map<String, String> groupDistrict = new LinkedHashMap<>();
  private final List<ReportCheck.Membership> memberships = new ArrayList<>();
  private final List<ReportCheck.Assignment> assignments = new ArrayList<>();

  /** Reads and checks every reference file of the landing zone. */
  public static ReferenceData load(LandingZone landing, List<LandingZone.LandingFile> files) {
    Map<String, LandingZone.LandingFile> byName = new LinkedHashMap<>();
    for (LandingZone.LandingFile f : files) {
      if (f.source() == LandingZone.Source.REFERENCE) {
        byName.put(f.path().substring("reference/".length()), f);
      }
    }
    ReferenceData ref = new ReferenceData();
    ref.loadDistricts(ref.open(landing, byName.get("districts.csv")));
    ref.loadSpaces(ref.open(landing, byName.get("maker_spaces.csv")));
    ref.loadCommissioners(ref.open(landing, byName.get("commissioners.csv")));
    ref.loadMembers(ref.open(landing, byName.get("group_members.csv")));
    ref.loadAssignments(ref.open(landing, byName.get("group_assignments.csv")));
    LandingZone.LandingFile categories = byName.get("service_categories.csv");
    ref.loadCategories(
        categories != null
            ? ref.open(landing, categories)
            : projectDefault("service_categories.csv", SERVICE_CATEGORY_COLUMNS));
    ref.loadWorkdayOverrides(
        projectDefault("workday_overrides.csv", WORKDAY_COLUMNS),
        byName.containsKey("workday_overrides.csv")
            ? ref.open(landing, byName.get("workday_overrides.csv"))
            : null);
    return ref;
  }

  static final List<String> SERVICE_CATEGORY_COLUMNS =
      List.of("category_code", "article", "name_zh", "name_en");
  static final List<String> WORKDAY_COLUMNS = List.of("date", "is_off_day", "name");

  private static CsvFile projectDefault(String name, List<String> columns) {
    try (InputStream in = ReferenceData.class.getResourceAsStream("/reference/" + name)) {
      if (in == null) {
        throw new IllegalStateException("project resource missing: /reference/" + name);
      }
      return new CsvFile(PROJECT_DEFAULT, new String(in.readAllBytes(), StandardCharsets.UTF_8), columns);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final Map<String, LandingZone.LandingFile> opened = new LinkedHashMap<>();

  private CsvFile open(LandingZone landing, LandingZone.LandingFile f) {
    TextDecoder.Decoded d = TextDecoder.decode(landing.read(f), landing.location(f));
    FileCounts c = new FileCounts(f);
    c.encoding = d.encoding();
    counts.add(c);
    opened.put(f.path(), f);
    return new CsvFile(f.path(), d.text(), COLUMNS.get(f.path().substring("reference/".length())));
  }

  private static final Map<String, List<String>> COLUMNS =
      Map.of(
          "districts.csv", List.of("district_code", "name_zh", "name_en"),
          "maker_spaces.csv",
              List.of(
                  "space_id", "name", "district_code", "university_hosted", "opened_on",
                  "closed_on"),
          "commissioners.csv",
              List.of(
                  "commissioner_id", "name", "district_code", "department",
                  "career_start_date", "grassroots_experience", "filed_on"),
          "group_members.csv",
              List.of("group_id", "district_code", "commissioner_id", "valid_from", "valid_to"),
          "group_assignments.csv", List.of("group_id", "space_id", "valid_from", "valid_to"),
          "service_categories.csv", SERVICE_CATEGORY_COLUMNS,
          "workday_overrides.csv", WORKDAY_COLUMNS);

  /** One accepted reference row: its table row and the key that must be unique in the file. */
  private record Keyed(String key, Row row) {}

  private List<Row> run(CsvFile file, String table, CsvFile.RowCheck<Keyed> check) {
    FileCounts c = countsOf(file.path());
    Set<String> seen = new HashSet<>();
    List<Row> accepted = new ArrayList<>();
    for (CsvRecords.Record r : file.records()) {
      if (c != null) {
        c.read++;
      }
      try {
        Keyed k = file.check(r, check);
        if (!seen.add(k.key())) {
          throw new Rejected(ReasonCode.DUPLICATE_KEY, "key " + k.key() + " repeats an earlier row");
        }
        accepted.add(k.row());
        if (c != null) {
          c.accepted++;
        }
      } catch (Rejected e) {
        quarantine.add(new QuarantineRow(file.path(), r.line(), e.reason(), e.detail(), r.raw()));
        if (c != null) {
          c.quarantined++;
        }
      }
    }
    rows.computeIfAbsent(table, t -> new ArrayList<>()).addAll(accepted);
    return accepted;
  }

  private FileCounts countsOf(String path) {
    for (FileCounts c : counts) {
      if (c.file.path().equals(path)) {
        return c;
      }
    }
    return null; // a project default: not a landing file
  }

  private static Rejected unknown(String what, String value) {
    return new Rejected(ReasonCode.UNKNOWN_REFERENCE, what + " '" + value + "' is unknown");
  }

  private static void checkRange(LocalDate from, LocalDate to, String toColumn) throws Rejected {
    if (to != null && from != null && to.isBefore(from)) {
      throw new Rejected(ReasonCode.BAD_VALUE, toColumn + " " + to + " is before " + from);
    }
  }

  private void loadDistricts(CsvFile f) {
    run(
        f,
        DISTRICTS,
        r -> {
          String code = r.required("district_code");
          if (!code.matches("\\d{6}")) {
            throw new Rejected(
                ReasonCode.BAD_VALUE, "district_code: '" + code + "' is not a 6-digit GB/T 2260 code");
          }
          return new Keyed(code, RowFactory.create(code, r.required("name_zh"), r.text("name_en")));
        });
    rows.get(DISTRICTS).forEach(row -> districts.add(row.getString(0)));
  }

  private void loadSpaces(CsvFile f) {
    run(
        f,
        MAKER_SPACES,
        r -> {
          String id = r.required("space_id");
          String district = r.required("district_code");
          if (!districts.contains(district)) {
            throw unknown("district_code", district);
          }
          Boolean university = r.bool("university_hosted", false);
          LocalDate opened = r.date("opened_on", true);
          LocalDate closed = r.date("closed_on", false);
          checkRange(opened, closed, "closed_on");
          return new Keyed(
              id, RowFactory.create(id, r.text("name"), district, university, opened, closed));
        });
    rows.get(MAKER_SPACES).forEach(row -> spaceDistricts.put(row.getString(0), row.getString(2)));
  }

  private void loadCommissioners(CsvFile f) {
    run(
        f,
        COMMISSIONERS,
        r -> {
          String id = r.required("commissioner_id");
          String name = r.required("name");
          String district = r.required("district_code");
          if (!districts.contains(district)) {
            throw unknown("district_code", district);
          }
          return new Keyed(
              id,
              RowFactory.create(
                  id,
                  name,
                  district,
                  r.text("department"),
                  r.date("career_start_date", false),
                  r.bool("grassroots_experience", false),
                  r.date("filed_on", false)));
        });
    rows.get(COMMISSIONERS).forEach(row -> commissioners.add(row.getString(0)));
  }

  private void loadMembers(CsvFile f) {
    run(
        f,
        GROUP_MEMBERS,
        r -> {
          String group = r.required("group_id");
          String district = r.required("district_code");
          String member = r.required("commissioner_id");
          LocalDate from = r.date("valid_from", true);
          LocalDate to = r.date("valid_to", false);
          if (!districts.contains(district)) {
            throw unknown("district_code", district);
          }
          if (!commissioners.contains(member)) {
            throw unknown("commissioner_id", member);
          }
          checkRange(from, to, "valid_to");
          String known = groupDistrict.get(group);
          if (known != null && !known.equals(district)) {
            throw new Rejected(
                ReasonCode.BAD_VALUE,
                "group " + group + " already belongs to district " + known + ", not " + district);
          }
          groupDistrict.put(group, district);
          return new Keyed(
              group + "/" + member + "/" + from,
              RowFactory.create(group, district, member, from, to));
        });
    for (Row row : rows.get(GROUP_MEMBERS)) {
      memberships.add(
          new ReportCheck.Membership(
              row.getString(0), row.getString(2), row.getAs(3), row.getAs(4)));
    }
  }

  private void loadAssignments(CsvFile f) {
    run(
        f,
        GROUP_ASSIGNMENTS,
        r -> {
          String group = r.required("group_id");
          String space = r.required("space_id");
          LocalDate from = r.date("valid_from", true);
          LocalDate to = r.date("valid_to", false);
          if (!groupDistrict.containsKey(group)) {
            throw unknown("group_id", group);
          }
          if (!spaceDistricts.containsKey(space)) {
            throw unknown("space_id", space);
          }
          checkRange(from, to, "valid_to");
          return new Keyed(
              group + "/" + space + "/" + from, RowFactory.create(group, space, from, to));
        });
    for (Row row : rows.get(GROUP_ASSIGNMENTS)) {
      assignments.add(
          new ReportCheck.Assignment(row.getString(0), row.getString(1), row.getAs(2), row.getAs(3)));
    }
  }

  private void loadCategories(CsvFile f) {
    run(
        f,
        SERVICE_CATEGORIES,
        r -> {
          String code = r.required("category_code");
          return new Keyed(
              code, RowFactory.create(code, r.text("article"), r.required("name_zh"), r.text("name_en")));
        });
    rows.get(SERVICE_CATEGORIES).forEach(row -> categories.add(row.getString(0)));
  }

  /** The project's calendar, with the landing zone's rows replacing those of the same date. */
  private void loadWorkdayOverrides(CsvFile shipped, CsvFile landing) {
    CsvFile.RowCheck<Keyed> check =
        r -> {
          LocalDate date = r.date("date", true);
          Boolean off = r.bool("is_off_day", true);
          return new Keyed(date.toString(), RowFactory.create(date, off, r.text("name"), null));
        };
    Map<LocalDate, Row> merged = new TreeMap<>();
    for (CsvFile f : landing == null ? List.of(shipped) : List.of(shipped, landing)) {
      String source = f.path().equals(PROJECT_DEFAULT) ? "project" : f.path();
      for (Row row : run(f, "_workday_" + source, check)) {
        merged.put(row.getAs(0), RowFactory.create(row.get(0), row.get(1), row.get(2), source));
      }
      rows.remove("_workday_" + source);
    }
    rows.put(WORKDAY_OVERRIDES, new ArrayList<>(merged.values()));
  }

  public Map<String, List<Row>> rows() {
    return rows;
  }

  public List<QuarantineRow> quarantine() {
    return quarantine;
  }

  public List<FileCounts> counts() {
    return counts;
  }

  /** What quarterly-report rows are checked against. */
  public ReportCheck reportCheck() {
    return new ReportCheck(groupDistrict, memberships, assignments, commissioners);
  }

  /** What request-log lines are checked against. */
  public EventCheck eventCheck() {
    return new EventCheck(spaceDistricts, categories);
  }
}
