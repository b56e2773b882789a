package cn.tianjin.makerspace.ingestion.generator;

import cn.tianjin.makerspace.common.Quarter;
import cn.tianjin.makerspace.common.WorkCalendar;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a realistic, deterministic (seeded) landing zone for Tianjin's 16 districts: maker
 * spaces, commissioners, groups and assignments, the districts' quarterly on-site ledgers and the
 * request logs of 2024Q1–2026Q3 — with the flaws a real landing zone has (a GB18030 report, a
 * UTF-8 BOM, a resubmitted report, duplicate events, malformed rows and lines, orphan events).
 *
 * <p>Scale 1 is about 150 spaces, 400 commissioners, 50,000 requests (about 190,000 events); the
 * counts grow linearly with the scale.
 */
public final class LandingGenerator {
  static final LocalDate START = LocalDate.of(2024, 1, 1);
  static final LocalDate END = LocalDate.of(2026, 9, 30);
  static final String[] CHANNELS = {"ONSITE", "HOTLINE", "WEB", "WECHAT"};
  static final String[] CATEGORIES = {
    "REGISTRATION", "POLICY_CONSULT", "PROJECT_APPLICATION", "OTHER_GOV", "TESTING_CERT",
    "TECH_TRANSFER", "SCI_TECH_INFO", "EQUIPMENT_SHARING", "IP_SERVICES", "TALENT_HR",
    "TECH_FINANCE", "MENTORING_INCUBATION", "PROFESSIONAL_SERVICES", "EVENTS"
  };
  /** Relative demand per category (policy and registration questions dominate). */
  static final int[] CATEGORY_WEIGHTS = {14, 22, 16, 6, 4, 5, 4, 3, 7, 5, 6, 5, 2, 1};

  /** GB/T 2260 codes and names of Tianjin's 16 districts, with their share of maker spaces. */
  record District(String code, String zh, String en, int spaces) {}

  static final List<District> DISTRICTS =
      List.of(
          new District("120101", "和平区", "Heping District", 8),
          new District("120102", "河东区", "Hedong District", 7),
          new District("120103", "河西区", "Hexi District", 12),
          new District("120104", "南开区", "Nankai District", 15),
          new District("120105", "河北区", "Hebei District", 7),
          new District("120106", "红桥区", "Hongqiao District", 5),
          new District("120110", "东丽区", "Dongli District", 9),
          new District("120111", "西青区", "Xiqing District", 12),
          new District("120112", "津南区", "Jinnan District", 8),
          new District("120113", "北辰区", "Beichen District", 9),
          new District("120114", "武清区", "Wuqing District", 8),
          new District("120115", "宝坻区", "Baodi District", 6),
          new District("120116", "滨海新区", "Binhai New Area", 25),
          new District("120117", "宁河区", "Ninghe District", 5),
          new District("120118", "静海区", "Jinghai District", 7),
          new District("120119", "蓟州区", "Jizhou District", 7));

  static final String[] SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕".split("");
  static final String[] GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红鹏辉玲建文斌宇浩凯".split("");
  static final String[] DEPARTMENTS = {"区科技局", "区市场监管局", "区人社局", "区财政局", "区发改委", "区商务局", "区政务服务办"};
  static final String[] SPACE_WORDS = {"创客", "众创", "创新工场", "梦工厂", "创业咖啡", "智造空间", "青年创业园", "科创汇"};
  static final String[] UNIVERSITIES = {"南开大学", "天津大学", "天津工业大学", "天津科技大学", "天津理工大学", "天津师范大学", "天津财经大学", "河北工业大学"};

  record Space(String id, String name, District district, boolean university, LocalDate opened, LocalDate closed) {}

  record Commissioner(String id, String name, District district, String department, LocalDate careerStart, Boolean grassroots, LocalDate filedOn) {}

  record Membership(String group, District district, Commissioner member, LocalDate from, LocalDate to) {}

  record Assignment(String group, Space space, LocalDate from, LocalDate to) {}

  record Session(LocalDate date, String group, Space space, List<String> members, double hours, int requests, String notes) {}

  private final Random rnd;
  private final double scale;
  private final WorkCalendar calendar = WorkCalendar.shipped();
  private final List<Space> spaces = new ArrayList<>();
  private final List<Commissioner> commissioners = new ArrayList<>();
  private final List<Membership> memberships = new ArrayList<>();
  private final List<Assignment> assignments = new ArrayList<>();
  private final Map<String, List<Membership>> membersByGroup = new LinkedHashMap<>();
  private final Map<String, List<Session>> sessionsByDistrictQuarter = new TreeMap<>();
  /** Events by the delivery folder (the Monday after the event's week). */
  private final Map<LocalDate, List<String>> eventsByBatch = new TreeMap<>();
  private long eventSeq;
  private long requestSeq;

  public LandingGenerator(double scale, long seed) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be positive");
    }
    this.scale = scale;
    this.rnd = new Random(seed);
  }

  /** Writes the landing zone under {@code out}; returns the number of request events written. */
  public long generate(Path out) {
    buildReference();
    buildSessionsAndRequests();
    try {
      writeReference(out);
      writeReports(out);
      return writeRequestLogs(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the landing zone under " + out, e);
    }
  }

  // ---- reference ---------------------------------------------------------------------------

  private void buildReference() {
    int spaceNo = 0;
    int commissionerNo = 0;
    int groupNo = 0;
    for (District d : DISTRICTS) {
      int nSpaces = Math.max(1, (int) Math.round(d.spaces() * scale));
      List<Space> mine = new ArrayList<>();
      for (int i = 0; i < nSpaces; i++) {
        spaceNo++;
        boolean university = rnd.nextInt(5) == 0;
        LocalDate opened = rnd.nextInt(10) == 0
            ? LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(900)) // opens during the period
            : LocalDate.of(2015, 6, 1).plusDays(rnd.nextInt(3000));
        LocalDate closed = rnd.nextInt(25) == 0 ? LocalDate.of(2024, 3, 1).plusDays(rnd.nextInt(850)) : null;
        if (closed != null && closed.isBefore(opened.plusDays(60))) {
          closed = null;
        }
        String name = (university ? UNIVERSITIES[rnd.nextInt(UNIVERSITIES.length)] : d.zh().replace("区", "").replace("新", ""))
            + SPACE_WORDS[rnd.nextInt(SPACE_WORDS.length)] + (i + 1) + "号";
        Space s = new Space(String.format(Locale.ROOT, "S%04d", spaceNo), name, d, university, opened, closed);
        spaces.add(s);
        mine.add(s);
      }
      // groups of 2-3 commissioners, each serving one or two spaces
      List<Commissioner> pool = new ArrayList<>();
      int nCommissioners = (int) Math.round(nSpaces * 2.67);
      for (int i = 0; i < nCommissioners; i++) {
        commissionerNo++;
        pool.add(newCommissioner(String.format(Locale.ROOT, "C%05d", commissionerNo), d));
      }
      commissioners.addAll(pool);
      int next = 0;
      for (int i = 0; i < mine.size(); ) {
        groupNo++;
        String group = String.format(Locale.ROOT, "G%04d", groupNo);
        int size = rnd.nextInt(4) == 0 ? 3 : 2;
        LocalDate formed = LocalDate.of(2023, 7, 1).plusDays(rnd.nextInt(120));
        for (int k = 0; k < size && next < pool.size(); k++) {
          Commissioner c = pool.get(next++);
          LocalDate leaves = null;
          if (rnd.nextInt(12) == 0) { // someone leaves; a replacement comes weeks later
            leaves = LocalDate.of(2024, 2, 1).plusDays(rnd.nextInt(900));
            if (next < pool.size()) {
              memberships.add(new Membership(group, d, pool.get(next++), leaves.plusDays(7 + rnd.nextInt(40)), null));
            }
          }
          memberships.add(new Membership(group, d, c, formed, leaves));
        }
        int served = rnd.nextInt(3) == 0 && i + 1 < mine.size() ? 2 : 1;
        for (int k = 0; k < served; k++, i++) {
          Space s = mine.get(i);
          LocalDate from = s.opened().isAfter(formed) ? s.opened().plusDays(rnd.nextInt(30)) : formed;
          if (rnd.nextInt(30) == 0) {
            from = from.plusDays(100 + rnd.nextInt(200)); // a space left without a group for a while
          }
          assignments.add(new Assignment(group, s, from, s.closed()));
        }
      }
    }
  }

  private Commissioner newCommissioner(String id, District d) {
    String name = SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)]
        + (rnd.nextBoolean() ? GIVEN[rnd.nextInt(GIVEN.length)] : "");
    LocalDate career = LocalDate.of(1995, 1, 1).plusDays(rnd.nextInt(9000));
    int flaw = rnd.nextInt(40);
    String department = flaw == 0 ? null : DEPARTMENTS[rnd.nextInt(DEPARTMENTS.length)];
    Boolean grassroots = flaw == 1 ? Boolean.FALSE : Boolean.TRUE;
    if (flaw == 2) {
      career = LocalDate.of(2021, 9, 1).plusDays(rnd.nextInt(300)); // under 3 years at first membership
    }
    return new Commissioner(id, name, d, department, career, grassroots, LocalDate.of(2023, 6, 1).plusDays(rnd.nextInt(60)));
  }

  // ---- sessions and requests ---------------------------------------------------------------

  private void buildSessionsAndRequests() {
    for (Assignment a : assignments) {
      LocalDate monday = START.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      for (LocalDate week = monday; !week.isAfter(END); week = week.plusWeeks(1)) {
        List<LocalDate> workdays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
          LocalDate day = week.plusDays(i);
          if (calendar.isWorkingDay(day) && active(a, day) && !day.isBefore(START) && !day.isAfter(END)) {
            workdays.add(day);
          }
        }
        if (workdays.isEmpty()) {
          continue;
        }
        int pattern = rnd.nextInt(100);
        if (pattern < 5) {
          continue; // the group did not come this week
        }
        LocalDate day = workdays.get(rnd.nextInt(workdays.size()));
        if (pattern < 10 && workdays.size() > 1) { // two half days
          addSession(a, day, 4);
          LocalDate other = workdays.get(rnd.nextInt(workdays.size()));
          addSession(a, other, other.equals(day) ? 3.5 : 4);
        } else if (pattern < 15) {
          addSession(a, day, 4); // only half a day: non-compliant week
        } else {
          addSession(a, day, rnd.nextInt(10) == 0 ? 8.5 : 8);
        }
      }
      // requests through the other channels, on any working day of the assignment
      for (LocalDate day = START; !day.isAfter(END); day = day.plusDays(1)) {
        if (calendar.isWorkingDay(day) && active(a, day) && rnd.nextInt(100) < 20) {
          newRequest(a, day, CHANNELS[1 + rnd.nextInt(3)]);
        }
      }
    }
  }

  private static boolean active(Assignment a, LocalDate d) {
    return !d.isBefore(a.from()) && (a.to() == null || !d.isAfter(a.to()));
  }

  private List<String> membersOn(String group, LocalDate d) {
    if (membersByGroup.isEmpty()) {
      memberships.forEach(m -> membersByGroup.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m));
    }
    List<String> ids = new ArrayList<>();
    for (Membership m : membersByGroup.getOrDefault(group, List.of())) {
      if (!d.isBefore(m.from()) && (m.to() == null || !d.isAfter(m.to()))) {
        ids.add(m.member().id());
      }
    }
    return ids;
  }

  private void addSession(Assignment a, LocalDate day, double hours) {
    List<String> members = membersOn(a.group(), day);
    if (members.isEmpty()) {
      return;
    }
    int requests = rnd.nextInt(10) < 3 ? 0 : 1 + rnd.nextInt(3);
    for (int i = 0; i < requests; i++) {
      newRequest(a, day, "ONSITE");
    }
    int reported = rnd.nextInt(50) == 0 ? requests + 1 : requests; // ledgers are not perfect
    String notes = requests == 0 ? "" : rnd.nextInt(3) == 0 ? "现场受理，已登记" : "";
    String q = Quarter.of(day).toString();
    sessionsByDistrictQuarter
        .computeIfAbsent(a.space().district().code() + "/" + q, k -> new ArrayList<>())
        .add(new Session(day, a.group(), a.space(), members, hours, reported, notes));
  }

  private void newRequest(Assignment a, LocalDate day, String channel) {
    String requestId = String.format(Locale.ROOT, "R%07d", ++requestSeq);
    String category = weightedCategory();
    LocalDateTime received = day.atTime(9 + rnd.nextInt(8), rnd.nextInt(60), rnd.nextInt(60));
    List<String> members = membersOn(a.group(), day);
    String commissioner = members.isEmpty() ? null : members.get(rnd.nextInt(members.size()));
    event(requestId, "RECEIVED", received, channel, a.space().id(), category, null, null, note(category));
    if (commissioner == null) {
      return; // nobody to assign: stays open
    }
    LocalDateTime assigned = received.plusHours(1 + rnd.nextInt(20));
    event(requestId, "ASSIGNED", assigned, null, null, null, commissioner, null, null);
    int r = rnd.nextInt(100);
    if (r < 4) {
      return; // never answered: open (overdue once the deadline passes)
    }
    int workingDays = r < 60 ? rnd.nextInt(4) : r < 88 ? 4 + rnd.nextInt(6) : r < 93 ? 10 : 11 + rnd.nextInt(8);
    LocalDate feedbackDay = calendar.addWorkingDays(day, workingDays);
    LocalDateTime feedback = workingDays == 0 ? received.plusHours(2) : feedbackDay.atTime(9 + rnd.nextInt(9), rnd.nextInt(60));
    event(requestId, "FEEDBACK", feedback, null, null, null, commissioner, null, "已反馈协调结果");
    if (rnd.nextInt(10) < 7) {
      int sat = workingDays <= 5 ? 4 + rnd.nextInt(2) : workingDays <= 10 ? 3 + rnd.nextInt(3) : 1 + rnd.nextInt(3);
      event(requestId, "CLOSED", feedback.plusDays(1 + rnd.nextInt(5)), null, null, null, null, sat, null);
    }
  }

  private String weightedCategory() {
    int total = 0;
    for (int w : CATEGORY_WEIGHTS) {
      total += w;
    }
    int x = rnd.nextInt(total);
    for (int i = 0; i < CATEGORIES.length; i++) {
      x -= CATEGORY_WEIGHTS[i];
      if (x < 0) {
        return CATEGORIES[i];
      }
    }
    return CATEGORIES[0];
  }

  private static String note(String category) {
    return switch (category) {
      case "REGISTRATION" -> "咨询公司注册流程";
      case "POLICY_CONSULT" -> "咨询高新技术企业认定";
      case "PROJECT_APPLICATION" -> "申报科技型中小企业项目";
      case "IP_SERVICES" -> "专利申请代理";
      case "TECH_FINANCE" -> "寻求天使投资对接";
      default -> null;
    };
  }

  private void event(String requestId, String type, LocalDateTime at, String channel, String space, String category, String commissioner, Integer satisfaction, String note) {
    LocalDate day = at.toLocalDate();
    if (day.isAfter(END)) {
      return; // after the landing zone's cut-off
    }
    String ts;
    int style = rnd.nextInt(20);
    if (style == 0) { // some systems send UTC
      ts = at.atOffset(ZoneOffset.ofHours(8)).withOffsetSameInstant(ZoneOffset.UTC).toString().replace("+00:00", "Z");
    } else if (style == 1) { // some send local time without an offset
      ts = at.toString();
    } else {
      ts = at.atOffset(ZoneOffset.ofHours(8)).toString();
    }
    String json = "{\"event_id\":\"E" + (++eventSeq) + "\",\"request_id\":\"" + requestId + "\",\"type\":\"" + type
        + "\",\"ts\":\"" + ts + "\",\"channel\":" + str(channel) + ",\"space_id\":" + str(space)
        + ",\"category\":" + str(category) + ",\"commissioner_id\":" + str(commissioner)
        + ",\"satisfaction\":" + (satisfaction == null ? "null" : satisfaction.toString())
        + ",\"note\":" + str(note) + "}";
    LocalDate batch = day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    List<String> lines = eventsByBatch.computeIfAbsent(batch, b -> new ArrayList<>());
    lines.add(json);
    if (rnd.nextInt(200) == 0) { // at-least-once delivery: the same event again
      LocalDate again = rnd.nextBoolean() ? batch : batch.plusWeeks(1);
      eventsByBatch.computeIfAbsent(again, b -> new ArrayList<>()).add(json);
    }
  }

  private static String str(String s) {
    return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // ---- writing -----------------------------------------------------------------------------

  private void writeReference(Path out) throws IOException {
    Path ref = out.resolve("reference");
    Files.createDirectories(ref);
    List<String> rows = new ArrayList<>();
    rows.add("district_code,name_zh,name_en");
    DISTRICTS.forEach(d -> rows.add(d.code() + "," + d.zh() + "," + d.en()));
    write(ref.resolve("districts.csv"), rows, StandardCharsets.UTF_8, true); // Excel's UTF-8 with BOM

    rows.clear();
    rows.add("space_id,name,district_code,university_hosted,opened_on,closed_on");
    spaces.forEach(s -> rows.add(String.join(",", s.id(), s.name(), s.district().code(), Boolean.toString(s.university()), s.opened().toString(), s.closed() == null ? "" : s.closed().toString())));
    rows.add("S9999,无效众创空间,129999,false,2020-01-01,"); // a row naming an unknown district
    write(ref.resolve("maker_spaces.csv"), rows, StandardCharsets.UTF_8, false);

    rows.clear();
    rows.add("commissioner_id,name,district_code,department,career_start_date,grassroots_experience,filed_on");
    commissioners.forEach(c -> rows.add(String.join(",", c.id(), c.name(), c.district().code(), c.department() == null ? "" : c.department(), c.careerStart().toString(), c.grassroots().toString(), c.filedOn().toString())));
    rows.add("C99999,测试,120101,区科技局,2010-02-30,true,2023-06-01"); // an impossible date
    write(ref.resolve("commissioners.csv"), rows, StandardCharsets.UTF_8, false);

    rows.clear();
    rows.add("group_id,district_code,commissioner_id,valid_from,valid_to");
    memberships.forEach(m -> rows.add(String.join(",", m.group(), m.district().code(), m.member().id(), m.from().toString(), m.to() == null ? "" : m.to().toString())));
    write(ref.resolve("group_members.csv"), rows, StandardCharsets.UTF_8, false);

    rows.clear();
    rows.add("group_id,space_id,valid_from,valid_to");
    assignments.forEach(a -> rows.add(String.join(",", a.group(), a.space().id(), a.from().toString(), a.to() == null ? "" : a.to().toString())));
    write(ref.resolve("group_assignments.csv"), rows, StandardCharsets.UTF_8, false);
  }

  private void writeReports(Path out) throws IOException {
    int fileNo = 0;
    for (Map.Entry<String, List<Session>> e : sessionsByDistrictQuarter.entrySet()) {
      String district = e.getKey().substring(0, 6);
      String quarter = e.getKey().substring(7);
      LocalDate quarterEnd = Quarter.parse(quarter).lastDay();
      fileNo++;
      int r = rnd.nextInt(100);
      if (r < 2 && !quarter.equals("2024Q1")) {
        continue; // this district never filed this quarter: MISSING
      }
      int workingDays = r < 88 ? 1 + rnd.nextInt(10) : 11 + rnd.nextInt(15);
      LocalDate submitted = calendar.addWorkingDays(quarterEnd, workingDays);
      List<String> rows = new ArrayList<>();
      rows.add(String.join(",", REPORT_HEADER));
      for (Session s : e.getValue()) {
        rows.add(sessionLine(s));
      }
      boolean flawed = fileNo % 9 == 0;
      if (flawed) {
        rows.addAll(badReportRows(e.getValue().get(0), quarterEnd));
      }
      Path dir = out.resolve("quarterly_reports").resolve(quarter);
      Files.createDirectories(dir);
      boolean gb18030 = district.equals("120104") && quarter.equals("2025Q2");
      write(dir.resolve(district + "." + submitted + ".csv"), rows, gb18030 ? Charset.forName("GB18030") : StandardCharsets.UTF_8, false);
      if (district.equals("120116") && quarter.equals("2025Q1")) {
        // a corrected resubmission: the first one missed its last session
        List<String> first = new ArrayList<>(rows.subList(0, rows.size() - 1));
        LocalDate earlier = calendar.addWorkingDays(quarterEnd, 3);
        LocalDate corrected = calendar.addWorkingDays(quarterEnd, 14);
        Files.move(dir.resolve(district + "." + submitted + ".csv"), dir.resolve(district + "." + corrected + ".csv"));
        write(dir.resolve(district + "." + earlier + ".csv"), first, StandardCharsets.UTF_8, false);
      }
    }
  }

  static final List<String> REPORT_HEADER = List.of("session_date", "group_id", "space_id", "member_ids", "hours", "requests_received", "notes");

  private static String sessionLine(Session s) {
    String hours = s.hours() == Math.rint(s.hours()) ? Integer.toString((int) s.hours()) : Double.toString(s.hours());
    String notes = s.notes().isEmpty() ? "" : "\"" + s.notes() + "\"";
    return String.join(",", s.date().toString(), s.group(), s.space().id(), String.join(";", s.members()), hours, Integer.toString(s.requests()), notes);
  }

  /** One row breaking each of the contract's report rules, in a few files. */
  private List<String> badReportRows(Session s, LocalDate quarterEnd) {
    String members = String.join(";", s.members());
    return List.of(
        String.join(",", s.date().toString(), s.group(), s.space().id(), members, "8"), // wrong field count
        String.join(",", s.date().toString(), s.group(), s.space().id(), members, "12.5", "1", ""), // hours out of range
        String.join(",", s.date().toString(), s.group(), s.space().id(), members, "8", "-1", ""), // negative requests
        String.join(",", quarterEnd.plusDays(3).toString(), s.group(), s.space().id(), members, "8", "0", ""), // next quarter
        String.join(",", s.date().toString(), "G9999", s.space().id(), members, "8", "0", ""), // not this district's group
        String.join(",", s.date().toString(), s.group(), "S0000", members, "8", "0", ""), // not assigned
        String.join(",", s.date().toString(), s.group(), s.space().id(), members + ";C00000", "8", "0", "")); // unknown member
  }

  private long writeRequestLogs(Path out) throws IOException {
    long written = 0;
    int batchNo = 0;
    for (Map.Entry<LocalDate, List<String>> e : eventsByBatch.entrySet()) {
      batchNo++;
      List<String> lines = new ArrayList<>(e.getValue());
      if (batchNo % 13 == 5) {
        lines.addAll(malformedLines());
      }
      if (batchNo % 17 == 3) { // a FEEDBACK whose RECEIVED never arrives
        lines.add("{\"event_id\":\"X" + batchNo + "\",\"request_id\":\"R-ORPHAN-" + batchNo + "\",\"type\":\"FEEDBACK\",\"ts\":\"" + e.getKey().minusDays(3) + "T10:00:00+08:00\",\"commissioner_id\":\"C00001\"}");
      }
      Path dir = out.resolve("request_logs").resolve(e.getKey().toString());
      Files.createDirectories(dir);
      boolean plain = batchNo % 10 == 0;
      Path file = dir.resolve(plain ? "events.jsonl" : "events.jsonl.gz");
      try (OutputStream os = plain ? Files.newOutputStream(file) : new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
          Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
        for (String line : lines) {
          w.write(line);
          w.write('\n');
        }
        if (batchNo % 11 == 0) {
          w.write('\n'); // a blank line: skipped, not counted
        }
      }
      written += lines.size();
    }
    return written;
  }

  private List<String> malformedLines() {
    long n = ++eventSeq;
    return List.of(
        "{\"event_id\":\"M" + n + "a\",\"request_id\":\"R0000001\",\"type\":\"CLOSED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"satisfaction\":6}",
        "{\"event_id\":\"M" + n + "b\",\"request_id\":\"R0000001\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"channel\":\"FAX\",\"space_id\":\"S0001\",\"category\":\"POLICY_CONSULT\"}",
        "{\"event_id\":\"M" + n + "c\",\"request_id\":\"R0000001\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03 上午\",\"channel\":\"WEB\",\"space_id\":\"S0001\",\"category\":\"POLICY_CONSULT\"}",
        "{\"event_id\":\"M" + n + "d\",\"request_id\":\"R0000001\",\"type\":\"FEEDBACK\"}",
        "{\"event_id\":\"M" + n + "e\",\"request_id\":\"R0000001\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"channel\":\"WEB\",\"space_id\":\"S0001\",\"category\":\"CATERING\"}",
        "{\"event_id\":\"M" + n + "f\",\"request_id\":\"R0000001\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"channel\":\"WEB\",\"space_id\":\"S9998\",\"category\":\"POLICY_CONSULT\"}",
        "{\"event_id\":\"M" + n + "g\",\"request_id\":\"R0000001\",\"type\":\"ESCALATED\",\"ts\":\"2025-07-03T10:15:00+08:00\"}",
        "{\"event_id\":\"M" + n + "h\",\"request_id\":\"R0000001\",\"type\":\"CLOSED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"satisfaction\":\"5\"}",
        "{\"event_id\":\"M" + n + "i\",\"request_id\":\"R00",
        "[\"not\",\"an\",\"object\"]");
  }

  private static void write(Path file, List<String> lines, Charset cs, boolean bom) throws IOException {
    try (OutputStream os = Files.newOutputStream(file)) {
      if (bom) {
        os.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      Writer w = new BufferedWriter(new OutputStreamWriter(os, cs));
      for (String l : lines) {
        w.write(l);
        w.write("\r\n");
      }
      w.flush();
    }
  }
}
