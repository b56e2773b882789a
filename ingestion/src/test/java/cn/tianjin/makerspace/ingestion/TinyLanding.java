package cn.tianjin.makerspace.ingestion;

import cn.tianjin.makerspace.contract.CsvRecords;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A landing zone small enough to read in one screen, holding one row or line for each of the
 * contract's rejection rules. Line numbers in the comments are the ones the tests expect.
 */
final class TinyLanding {
  static final String EVENTS_A = "request_logs/2025-07-07/a.jsonl";
  static final String EVENTS_B = "request_logs/2025-07-14/b.jsonl.gz";
  static final String REPORT = "quarterly_reports/2025Q3/120101.2025-10-10.csv";
  static final String SUPERSEDED = "quarterly_reports/2025Q3/120101.2025-10-09.csv";
  static final String GB_REPORT = "quarterly_reports/2025Q3/120104.2025-10-09.csv";

  private TinyLanding() {}

  static Path write(Path root) {
    file(root, "reference/districts.csv", """
        district_code,name_zh,name_en
        120101,和平区,Heping District
        120104,南开区,Nankai District
        12010X,坏区,Bad
        """);
    file(root, "reference/maker_spaces.csv", """
        space_id,name,district_code,university_hosted,opened_on,closed_on
        S1,一号空间,120101,false,2020-01-01,
        S2,南开大学空间,120104,true,2020-01-01,
        S3,坏空间,999999,false,2020-01-01,
        S1,重复,120101,false,2020-01-01,
        """);
    file(root, "reference/commissioners.csv", """
        commissioner_id,name,district_code,department,career_start_date,grassroots_experience,filed_on
        C1,王伟,120101,区科技局,2010-01-01,true,2023-06-01
        C2,李娜,120101,区科技局,2012-01-01,true,2023-06-01
        C3,张敏,120104,区人社局,2011-01-01,true,2023-06-01
        C4,刘洋,120104,,2011-01-01,maybe,2023-06-01
        """);
    file(root, "reference/group_members.csv", """
        group_id,district_code,commissioner_id,valid_from,valid_to
        G1,120101,C1,2024-01-01,
        G1,120101,C2,2024-01-01,2025-07-15
        G2,120104,C3,2024-01-01,
        G2,120104,C9,2024-01-01,
        """);
    file(root, "reference/group_assignments.csv", """
        group_id,space_id,valid_from,valid_to
        G1,S1,2024-01-01,
        G2,S2,2025-08-01,
        G3,S1,2024-01-01,
        """);
    file(root, REPORT, """
        session_date,group_id,space_id,member_ids,hours,requests_received,notes
        2025-07-03,G1,S1,C1;C2,8,2,现场受理
        2025-07-10,G1,S1,C1,8
        2025-07-11,G1,S1,C1,12.5,0,
        2025-07-12,G1,S1,C1,8,1.5,
        2025-10-02,G1,S1,C1,8,0,
        2025-07-17,G2,S1,C1,8,0,
        2025-07-17,G1,S2,C1,8,0,
        2025-07-24,G1,S1,C1;C2,8,0,
        2025-07-24,G1,S1,C1;C7,8,0,
        2025-07-31,G1,S1,C1,12,0,"两行
        备注"
        2025/8/7,G1,S1,C1,0,0,
        """);
    file(root, SUPERSEDED, """
        session_date,group_id,space_id,member_ids,hours,requests_received,notes
        2025-07-03,G1,S1,C1;C2,8,2,
        2025-07-10,G1,S1,C1
        """);
    bytes(root, GB_REPORT, """
        session_date,group_id,space_id,member_ids,hours,requests_received,notes
        2025-08-07,G2,S2,C3,8,1,南开现场
        """.getBytes(Charset.forName("GB18030")));
    file(root, "quarterly_reports/2025Q3/notes.txt", "please see the attached spreadsheet\n");
    file(root, EVENTS_A, String.join("\n",
        "{\"event_id\":\"E1\",\"request_id\":\"R1\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"channel\":\"WECHAT\",\"space_id\":\"S1\",\"category\":\"POLICY_CONSULT\",\"commissioner_id\":null,\"satisfaction\":null,\"note\":\"咨询高新技术企业认定\"}",
        "{\"event_id\":\"E2\",\"request_id\":\"R1\",\"type\":\"ASSIGNED\",\"ts\":\"2025-07-03T11:00:00+08:00\",\"commissioner_id\":\"C1\"}",
        "{\"event_id\":\"E1\",\"request_id\":\"R1\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"channel\":\"WECHAT\",\"space_id\":\"S1\",\"category\":\"POLICY_CONSULT\"}",
        "this is not json",
        "{\"event_id\":\"E3\",\"request_id\":\"R2\",\"type\":\"RECEIVED\",\"channel\":\"WEB\",\"space_id\":\"S1\",\"category\":\"POLICY_CONSULT\"}",
        "{\"event_id\":\"E4\",\"request_id\":\"R2\",\"type\":\"ESCALATED\",\"ts\":\"2025-07-03T10:15:00+08:00\"}",
        "{\"event_id\":\"E5\",\"request_id\":\"R3\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"channel\":\"FAX\",\"space_id\":\"S1\",\"category\":\"POLICY_CONSULT\"}",
        "{\"event_id\":\"E6\",\"request_id\":\"R4\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"channel\":\"WEB\",\"space_id\":\"S1\",\"category\":\"CATERING\"}",
        "{\"event_id\":\"E7\",\"request_id\":\"R5\",\"type\":\"RECEIVED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"channel\":\"WEB\",\"space_id\":\"S3\",\"category\":\"POLICY_CONSULT\"}",
        "{\"event_id\":\"E8\",\"request_id\":\"R6\",\"type\":\"RECEIVED\",\"ts\":\"yesterday\",\"channel\":\"WEB\",\"space_id\":\"S1\",\"category\":\"POLICY_CONSULT\"}",
        "{\"event_id\":\"E12\",\"request_id\":\"R7\",\"type\":\"CLOSED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"satisfaction\":6}",
        "{\"event_id\":\"E13\",\"request_id\":\"R8\",\"type\":\"CLOSED\",\"ts\":\"2025-07-03T10:15:00+08:00\",\"satisfaction\":\"5\"}",
        "[1,2]",
        "",
        "{\"event_id\":\"E9\",\"request_id\":\"R9\",\"type\":\"FEEDBACK\",\"ts\":\"2025-07-04T10:00:00Z\",\"commissioner_id\":\"C1\"}",
        ""));
    gz(root, EVENTS_B, String.join("\n",
        "{\"event_id\":\"E2\",\"request_id\":\"R1\",\"type\":\"ASSIGNED\",\"ts\":\"2025-07-03T11:00:00+08:00\",\"commissioner_id\":\"C1\"}",
        "{\"event_id\":\"E10\",\"request_id\":\"R1\",\"type\":\"FEEDBACK\",\"ts\":\"2025-07-10T09:00:00\",\"commissioner_id\":\"C1\"}",
        "{\"event_id\":\"E11\",\"request_id\":\"R1\",\"type\":\"CLOSED\",\"ts\":\"2025-07-11T09:00:00+08:00\",\"satisfaction\":5}",
        ""));
    return root;
  }

  static void file(Path root, String rel, String text) {
    bytes(root, rel, text.getBytes(StandardCharsets.UTF_8));
  }

  static void bytes(Path root, String rel, byte[] content) {
    try {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A CSV report as the workbook a clerk would save from Excel: the first sheet, dates as date
   * cells, numbers as numeric cells, the rest as text; each header cell labelled in Chinese
   * before its column name, as in the project's template.
   */
  static byte[] xlsx(String csv) {
    java.util.Map<String, String> labels = java.util.Map.of(
        "session_date", "驻点日期 ", "group_id", "服务小组 ", "space_id", "众创空间 ", "member_ids", "到岗专员 ",
        "hours", "驻点小时 ", "requests_received", "受理需求数 ", "notes", "备注 ");
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("季报");
      org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      int r = 0;
      for (CsvRecords.Record rec : CsvRecords.parse(csv)) {
        org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
        for (int c = 0; c < rec.fields().size(); c++) {
          String f = rec.fields().get(c);
          org.apache.poi.ss.usermodel.Cell cell = row.createCell(c);
          if (r == 0) {
            cell.setCellValue(labels.getOrDefault(f, "") + f);
          } else if (f.matches("\\d{4}-\\d{2}-\\d{2}")) {
            cell.setCellValue(java.time.LocalDate.parse(f));
            cell.setCellStyle(date);
          } else if (f.matches("-?\\d+(\\.\\d+)?")) {
            cell.setCellValue(Double.parseDouble(f));
          } else if (!f.isEmpty()) {
            cell.setCellValue(f);
          }
        }
        r++;
      }
      sheet.createRow(r + 2).createCell(3).setCellValue(""); // a formatted but empty row further down
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void gz(Path root, String rel, String text) {
    try {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
