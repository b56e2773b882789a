package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.Scheduler;
import cn.tianjin.makerspace.common.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily e-mail digest of the 通知提醒 ({@link AlertService}): on a working day of the
 * snapshot's calendar, one plain-text message per recipient address — a district's recipients get
 * their district's alerts, the commission's recipients every district's. Nothing is sent on a day
 * off. Configured by {@code <warehouse>/dashboard/alerts.json} (see {@link #load}); without that
 * file there is no digest.
 */
public final class AlertDigest {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDigest.class);
  /** The configuration file, under the warehouse. */
  public static final String CONFIG_FILE = "dashboard/alerts.json";
  /** At most this many overdue requests are listed per district (the count is always complete). */
  static final int MAX_OVERDUE_LISTED = 20;

  /** The SMTP server: host, port, sender; user name and password only if it asks for them. */
  public record Smtp(String host, int port, String from, String username, String password, boolean starttls) {}

  /**
   * Where and when the digest goes: the SMTP server, the Tianjin time of day it is sent, the
   * dashboard's address (for a link; may be null), commission-wide recipients, and recipients per
   * district code.
   */
  public record Config(Smtp smtp, LocalTime sendAt, String dashboardUrl, List<String> commission,
                       Map<String, List<String>> districts) {}

  /** One message to send: to one address, for one district or all (null). */
  public record Digest(String to, String district, String subject, String body) {}

  private final AlertService alerts;
  private final Config config;

  public AlertDigest(AlertService alerts, Config config) {
    this.alerts = alerts;
    this.config = config;
  }

  /** {@code <warehouse>/dashboard/alerts.json}, or empty when there is none (no digest). */
  public static Optional<Config> load(Path warehouse) {
    Path file = warehouse.resolve(CONFIG_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse(new ObjectMapper().readTree(Files.readString(file))));
    } catch (IOException e) {
      throw new UserError(file + " is not valid JSON: " + e.getMessage(), e);
    } catch (UserError e) {
      throw new UserError(file + ": " + e.getMessage(), e);
    }
  }

  /** The configuration from its JSON (a {@link UserError} naming what is wrong). */
  public static Config parse(JsonNode json) {
    JsonNode smtp = json.path("smtp");
    String host = text(smtp, "host", null);
    if (host == null) {
      throw new UserError("smtp.host is required");
    }
    int port = smtp.path("port").asInt(25);
    if (port < 1 || port > 65535) {
      throw new UserError("smtp.port must be from 1 to 65535");
    }
    String from = address(text(smtp, "from", null), "smtp.from");
    LocalTime sendAt;
    try {
      sendAt = LocalTime.parse(text(json, "sendAt", "08:30"));
    } catch (DateTimeParseException e) {
      throw new UserError("sendAt must be a time like 08:30");
    }
    List<String> commission = addresses(json.path("commission"), "commission");
    Map<String, List<String>> districts = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.path("districts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().matches("\\d{6}")) {
        throw new UserError("districts: '" + e.getKey() + "' is not a district code (six digits, e.g. 120101)");
      }
      districts.put(e.getKey(), addresses(e.getValue(), "districts." + e.getKey()));
    }
    return new Config(new Smtp(host, port, from, text(smtp, "username", null), text(smtp, "password", null),
        smtp.path("starttls").asBoolean(false)), sendAt, text(json, "dashboardUrl", null), commission, districts);
  }

  /**
   * The messages of day D: none on a day off; else one per commission address (every district) and
   * one per district address (that district).
   */
  public List<Digest> compose(LocalDate day) {
    List<Digest> out = new ArrayList<>();
    if (!alerts.isWorkingDay(day)) {
      return out;
    }
    if (!config.commission().isEmpty()) {
      Alerts all = alerts.alerts(day, null);
      String subject = subject(all);
      String body = body(all);
      config.commission().forEach(to -> out.add(new Digest(to, null, subject, body)));
    }
    for (Map.Entry<String, List<String>> e : config.districts().entrySet()) {
      Alerts one = alerts.alerts(day, e.getKey());
      if (one.districts().isEmpty()) {
        LOG.warn("alerts.json names district {}, which the snapshot does not hold: no digest for {}", e.getKey(), e.getValue());
        continue;
      }
      String subject = subject(one);
      String body = body(one);
      e.getValue().forEach(to -> out.add(new Digest(to, e.getKey(), subject, body)));
    }
    return out;
  }

  /** Composes and sends day D's digest; returns the messages sent (none on a day off). */
  public List<Digest> send(LocalDate day) throws MessagingException {
    List<Digest> digests = compose(day);
    if (digests.isEmpty()) {
      LOG.info("alert digest for {}: nothing to send ({})", day, alerts.isWorkingDay(day) ? "no recipients" : "a day off");
      return digests;
    }
    Session session = session();
    for (Digest d : digests) {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(config.smtp().from()));
      m.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(d.to()));
      m.setSubject(d.subject(), "UTF-8");
      m.setText(d.body(), "UTF-8");
      m.setSentDate(new Date());
      Transport.send(m);
    }
    LOG.info("alert digest for {}: {} message(s) sent", day, digests.size());
    return digests;
  }

  private Session session() {
    Smtp s = config.smtp();
    Properties p = new Properties();
    p.put("mail.smtp.host", s.host());
    p.put("mail.smtp.port", String.valueOf(s.port()));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "30000");
    p.put("mail.smtp.writetimeout", "30000");
    p.put("mail.smtp.starttls.enable", String.valueOf(s.starttls()));
    p.put("mail.smtp.starttls.required", String.valueOf(s.starttls()));
    if (s.username() != null) {
      p.put("mail.smtp.auth", "true");
      return Session.getInstance(p, new Authenticator() {
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
          return new PasswordAuthentication(s.username(), s.password() == null ? "" : s.password());
        }
      });
    }
    return Session.getInstance(p);
  }

  static String subject(Alerts answer) {
    Alerts.Counts t = answer.totals();
    return "【通知提醒】" + answer.day() + " 需求即将到期 " + t.requestsDueSoon() + " 件 · 逾期 " + t.requestsOverdue()
        + " 件 · 季报即将到期 " + t.reportsDueSoon() + " 份 · 未报 " + t.reportsMissing() + " 份";
  }

  String body(Alerts answer) {
    StringBuilder b = new StringBuilder();
    b.append("通知提醒 / Alerts — ").append(answer.day()).append('\n');
    b.append("数据截至 / Data as of: ").append(answer.asOf()).append('\n');
    b.append("津科创〔2015〕51号 第七条：10个工作日内反馈 / Art. 7: feedback within 10 working days; ")
        .append("第八条：每季度末报送季报 / Art. 8: a quarterly report from every district.\n");
    if (config.dashboardUrl() != null) {
      b.append("看板 / Dashboard: ").append(config.dashboardUrl()).append('\n');
    }
    for (Alerts.District d : answer.districts()) {
      Alerts.Counts c = d.counts();
      b.append('\n').append(d.name_zh()).append(" / ").append(d.name_en()).append(" (").append(d.district_code()).append(")\n");
      b.append("  需求" + AlertService.REQUEST_WINDOW + "个工作日内到期 / Requests due within " + AlertService.REQUEST_WINDOW + " working days: ").append(c.requestsDueSoon()).append('\n');
      b.append("  需求逾期未反馈 / Requests overdue: ").append(c.requestsOverdue()).append('\n');
      b.append("  季报" + AlertService.REPORT_WINDOW + "个工作日内到期 / Quarterly reports due within " + AlertService.REPORT_WINDOW + " working days: ").append(c.reportsDueSoon()).append('\n');
      b.append("  季报逾期未报 / Quarterly reports missing: ").append(c.reportsMissing()).append('\n');
      for (Map<String, Object> r : d.requestsDueSoon()) {
        b.append("    即将到期 due ").append(r.get("request_id")).append(' ').append(r.get("category_name_zh"))
            .append(" 受理 received ").append(r.get("received_date")).append(" 期限 deadline ").append(r.get("deadline_date"))
            .append(" 剩余 ").append(r.get("working_days_left")).append(" 个工作日 working days left\n");
      }
      List<Map<String, Object>> overdue = d.requestsOverdue();
      for (Map<String, Object> r : overdue.subList(0, Math.min(MAX_OVERDUE_LISTED, overdue.size()))) {
        b.append("    逾期 overdue ").append(r.get("request_id")).append(' ').append(r.get("category_name_zh"))
            .append(" 受理 received ").append(r.get("received_date")).append(" 期限 deadline ").append(r.get("deadline_date"))
            .append(" 逾期 ").append(r.get("working_days_overdue")).append(" 个工作日 working days overdue\n");
      }
      if (overdue.size() > MAX_OVERDUE_LISTED) {
        b.append("    … 另有 ").append(overdue.size() - MAX_OVERDUE_LISTED).append(" 件逾期需求见看板 / ")
            .append(overdue.size() - MAX_OVERDUE_LISTED).append(" more overdue requests on the dashboard\n");
      }
      for (Map<String, Object> r : d.reportsDueSoon()) {
        b.append("    季报 report ").append(r.get("quarter")).append(" 截止 due ").append(r.get("due_date"))
            .append(" 剩余 ").append(r.get("working_days_left")).append(" 个工作日 working days left\n");
      }
      for (Map<String, Object> r : d.reportsMissing()) {
        b.append("    季报未报 report missing ").append(r.get("quarter")).append(" 截止 due ").append(r.get("due_date"))
            .append(" 逾期 ").append(r.get("working_days_overdue")).append(" 个工作日 working days overdue\n");
      }
    }
    return b.toString();
  }

  /** The first {@code at} (Tianjin time) strictly after {@code now}. */
  public static ZonedDateTime nextRun(ZonedDateTime now, LocalTime at) {
    ZonedDateTime local = now.withZoneSameInstant(ProgrammeClock.ZONE);
    ZonedDateTime run = local.toLocalDate().atTime(at).atZone(ProgrammeClock.ZONE);
    return run.isAfter(local) ? run : run.plusDays(1);
  }

  /**
   * Sends the digest every day at {@code config.sendAt()} Tianjin time, for that day (nothing on a
   * day off), on the process's {@link Scheduler}; a failure is logged and the next day is tried.
   */
  public Scheduler.Job startDaily() {
    return Scheduler.shared().schedule("alert-digest", after -> Optional.of(nextRun(after, config.sendAt())), due -> {
      try {
        send(due.toLocalDate());
      } catch (MessagingException e) {
        LOG.error("alert digest for {} failed", due.toLocalDate(), e);
      }
    });
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.path(field);
    return v.isTextual() && !v.asText().isBlank() ? v.asText() : fallback;
  }

  private static String address(String s, String where) {
    if (s == null) {
      throw new UserError(where + " is required (an e-mail address)");
    }
    try {
      new InternetAddress(s, true);
      return s;
    } catch (AddressException e) {
      throw new UserError(where + ": '" + s + "' is not an e-mail address");
    }
  }

  private static List<String> addresses(JsonNode array, String where) {
    List<String> out = new ArrayList<>();
    if (array.isMissingNode() || array.isNull()) {
      return out;
    }
    if (!array.isArray()) {
      throw new UserError(where + " must be a list of e-mail addresses");
    }
    for (JsonNode a : array) {
      out.add(address(a.isTextual() ? a.asText() : null, where));
    }
    return out;
  }
}
