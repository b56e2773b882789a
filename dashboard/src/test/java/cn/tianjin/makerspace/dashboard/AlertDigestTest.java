package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily e-mail digest against an SMTP server inside the test JVM (GreenMail, a free port),
 * on the fixture warehouse: nothing on a day off, the right counts on a working day.
 */
class AlertDigestTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final String OPEN = "received_date <= cast(? as date) and (feedback_date is null or feedback_date >= cast(? as date))";
  private static LiveSnapshot live;

  @BeforeAll
  static void open() {
    live = new LiveSnapshot(new SnapshotStore(FixtureWarehouse.get()), SnapshotDatabase.Limits.NONE);
  }

  @AfterAll
  static void close() {
    live.close();
  }

  private AlertDigest digest() throws Exception {
    String json = """
        {"smtp": {"host": "127.0.0.1", "port": %d, "from": "alerts@kxjs.tj.test"},
         "sendAt": "08:30",
         "dashboardUrl": "http://dashboard.test/alerts",
         "commission": ["leader@kxjs.tj.test"],
         "districts": {"120101": ["heping@hp.tj.test"]}}
        """.formatted(SMTP.getSmtp().getPort());
    return new AlertDigest(new AlertService(live), AlertDigest.parse(new ObjectMapper().readTree(json)));
  }

  @Test
  void noDigestOnADayOff() throws Exception {
    AlertDigest d = digest();
    for (String day : List.of("2025-10-01", "2025-10-04", "2025-10-05")) { // National Day; Saturday and Sunday in the holiday
      assertTrue(d.send(LocalDate.parse(day)).isEmpty(), day);
    }
    assertEquals(0, SMTP.getReceivedMessages().length, "nothing reached the SMTP server");
    // the make-up Saturday 2025-10-11 is a working day: a digest goes out
    assertEquals(2, d.send(LocalDate.parse("2025-10-11")).size());
    assertTrue(SMTP.waitForIncomingEmail(5000, 2));
  }

  @Test
  void aWorkingDaysDigestReachesEveryRecipientWithTheRightCounts() throws Exception {
    String day = "2025-10-14"; // Tuesday
    List<AlertDigest.Digest> sent = digest().send(LocalDate.parse(day));
    assertEquals(2, sent.size());
    assertTrue(SMTP.waitForIncomingEmail(5000, 2));
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertEquals(2, received.length);
    Map<String, MimeMessage> byTo = Arrays.stream(received).collect(Collectors.toMap(AlertDigestTest::to, m -> m));
    assertEquals(Set.of("leader@kxjs.tj.test", "heping@hp.tj.test"), byTo.keySet());

    // 和平区 (120101) on 2025-10-14, computed directly: deadlines in the window are 10-14, 10-15 and 10-16
    String hp = "120101";
    long dueSoon = FixtureWarehouse.count("select count(*) from requests where district_code = ? and deadline_date between cast('2025-10-14' as date) and cast('2025-10-16' as date) and " + OPEN, hp, day, day);
    long overdue = FixtureWarehouse.count("select count(*) from requests where district_code = ? and deadline_date < cast(? as date) and " + OPEN, hp, day, day, day);
    // 2025Q3 is due 2025-10-21 (5 working days after 10-14); 2024Q1..2025Q2 are past due
    long reportDue = FixtureWarehouse.count("select case when count(*) = 0 then 1 else 0 end from quarterly_reports where district_code = ? and quarter = '2025Q3' and submitted_on < cast(? as date)", hp, day);
    long missing = 0;
    for (String q : List.of("2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2")) {
      missing += FixtureWarehouse.count("select case when count(*) = 0 then 1 else 0 end from quarterly_reports where district_code = ? and quarter = ? and submitted_on < cast(? as date)", hp, q, day);
    }
    MimeMessage heping = byTo.get("heping@hp.tj.test");
    String body = text(heping);
    assertTrue(body.contains("数据截至 / Data as of: 2026-11-27"), body);
    assertTrue(body.contains("和平区 / "), body);
    assertTrue(body.contains("需求2个工作日内到期 / Requests due within 2 working days: " + dueSoon + "\n"), body);
    assertTrue(body.contains("需求逾期未反馈 / Requests overdue: " + overdue + "\n"), body);
    assertTrue(body.contains("季报5个工作日内到期 / Quarterly reports due within 5 working days: " + reportDue + "\n"), body);
    assertTrue(body.contains("季报逾期未报 / Quarterly reports missing: " + missing + "\n"), body);
    assertFalse(body.contains("(120102)"), "a district's digest holds only that district");
    assertEquals("【通知提醒】2025-10-14 需求即将到期 " + dueSoon + " 件 · 逾期 " + overdue + " 件 · 季报即将到期 " + reportDue + " 份 · 未报 " + missing + " 份",
        heping.getSubject());
    assertEquals("alerts@kxjs.tj.test", heping.getFrom()[0].toString());

    // the commission's digest: every district, totals in the subject
    long allDue = FixtureWarehouse.count("select count(*) from requests where deadline_date between cast('2025-10-14' as date) and cast('2025-10-16' as date) and " + OPEN, day, day);
    long allOverdue = FixtureWarehouse.count("select count(*) from requests where deadline_date < cast(? as date) and " + OPEN, day, day, day);
    MimeMessage leader = byTo.get("leader@kxjs.tj.test");
    assertTrue(leader.getSubject().startsWith("【通知提醒】2025-10-14 需求即将到期 " + allDue + " 件 · 逾期 " + allOverdue + " 件"), leader.getSubject());
    String all = text(leader);
    Set<String> listed = new TreeSet<>();
    for (List<Object> r : FixtureWarehouse.rows("select district_code from districts")) {
      if (all.contains("(" + r.get(0) + ")\n")) {
        listed.add((String) r.get(0));
      }
    }
    assertEquals(16, listed.size(), "every district in the commission's digest");
  }

  @Test
  void theConfigurationFileIsOptionalAndChecked(@TempDir Path dir) throws Exception {
    assertTrue(AlertDigest.load(dir).isEmpty(), "no alerts.json: no digest");
    Files.createDirectories(dir.resolve("dashboard"));
    Files.writeString(dir.resolve(AlertDigest.CONFIG_FILE), """
        {"smtp": {"host": "smtp.tj.test", "port": 587, "from": "alerts@kxjs.tj.test", "username": "u", "password": "p", "starttls": true},
         "commission": ["a@kxjs.tj.test", "b@kxjs.tj.test"], "districts": {"120101": ["heping@hp.tj.test"]}}
        """);
    AlertDigest.Config c = AlertDigest.load(dir).orElseThrow();
    assertEquals(new AlertDigest.Smtp("smtp.tj.test", 587, "alerts@kxjs.tj.test", "u", "p", true), c.smtp());
    assertEquals(LocalTime.of(8, 30), c.sendAt(), "08:30 by default");
    assertEquals(List.of("a@kxjs.tj.test", "b@kxjs.tj.test"), c.commission());
    assertEquals(Map.of("120101", List.of("heping@hp.tj.test")), c.districts());
    Files.writeString(dir.resolve(AlertDigest.CONFIG_FILE), "{\"smtp\": {\"host\": \"h\", \"from\": \"not an address\"}}");
    UserError e = assertThrows(UserError.class, () -> AlertDigest.load(dir));
    assertTrue(e.getMessage().contains("smtp.from"), e.getMessage());
    Files.writeString(dir.resolve(AlertDigest.CONFIG_FILE), "{\"smtp\": {\"host\": \"h\", \"from\": \"a@b.test\"}, \"districts\": {\"heping\": []}}");
    assertTrue(assertThrows(UserError.class, () -> AlertDigest.load(dir)).getMessage().contains("heping"));
  }

  @Test
  void theDigestRunsAtTheNextSendTimeInTianjin() {
    LocalTime at = LocalTime.of(8, 30);
    // 00:00 UTC is 08:00 in Tianjin: today at 08:30
    assertEquals(ZonedDateTime.parse("2025-10-14T08:30+08:00[Asia/Shanghai]"),
        AlertDigest.nextRun(ZonedDateTime.of(2025, 10, 14, 0, 0, 0, 0, ZoneOffset.UTC), at));
    // 08:30 exactly, or later: tomorrow
    assertEquals(ZonedDateTime.parse("2025-10-15T08:30+08:00[Asia/Shanghai]"),
        AlertDigest.nextRun(ZonedDateTime.parse("2025-10-14T08:30+08:00[Asia/Shanghai]"), at));
    // 23:00 UTC on the 13th is 07:00 on the 14th in Tianjin
    assertEquals(ZonedDateTime.parse("2025-10-14T08:30+08:00[Asia/Shanghai]"),
        AlertDigest.nextRun(ZonedDateTime.of(2025, 10, 13, 23, 0, 0, 0, ZoneOffset.UTC), at));
  }

  /** The text of a message, with SMTP's CRLF line ends read back as LF. */
  private static String text(MimeMessage m) throws Exception {
    return ((String) m.getContent()).replace("\r\n", "\n");
  }

  private static String to(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
