package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.tianjin.makerspace.common.SqlResources;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code dashboard-sql/reports/reconciliation.sql} on a handful of hand-made rows in an in-memory
 * DuckDB: the reported and logged on-site requests of four districts, and which gaps are large
 * (more than 5% of the logged requests, of 1 when none were logged). The fixture warehouse has
 * no large gap, so this is where the rule's "large" side is checked.
 */
class ReconciliationSqlTest {
  @Test
  void aGapOfMoreThanFivePercentOfTheLoggedRequestsIsLarge() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("create table districts as select * from (values ('A', 'A区', 'A'), ('B', 'B区', 'B'), ('C', 'C区', 'C'), ('D', 'D区', 'D'))"
          + " t(district_code, name_zh, name_en)");
      s.execute("create table kpi_district_quarter as select district_code, '2025Q3' as quarter, 'ON_TIME' as report_status from districts");
      s.execute("create table calendar_quarters as select '2025Q3' as quarter, date '2025-07-01' as quarter_start, date '2025-09-30' as quarter_end");
      // A reports 100 and logged 94 (a gap of 6.4%), B 100 and 96 (4.2%), C 1 and none, D no report
      s.execute("create table quarterly_reports as select * from (values ('a.csv', 'A'), ('b.csv', 'B'), ('c.csv', 'C'))"
          + " t(source_file, district_code), (select '2025Q3' as quarter, true as is_latest, date '2025-10-10' as submitted_on)");
      s.execute("create table onsite_sessions as select * from (values ('a.csv', 'A', 100), ('b.csv', 'B', 100), ('c.csv', 'C', 1))"
          + " t(source_file, district_code, requests_received), (select '2025Q3' as quarter)");
      s.execute("create table requests as select district_code, 'ONSITE' as channel, date '2025-08-01' as received_date"
          + " from (values ('A', 94), ('B', 96), ('D', 7)) t(district_code, n), range(n)");

      Map<String, String> rows = new LinkedHashMap<>();
      try (PreparedStatement p = c.prepareStatement(SqlResources.load("dashboard-sql/reports/reconciliation.sql"))) {
        p.setObject(1, "2025Q3");
        p.setObject(2, LocalDate.of(2025, 11, 27));
        p.setObject(3, null);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            rows.put(r.getString("district_code"), r.getString("reported_onsite") + " " + r.getString("logged_onsite") + " "
                + r.getString("difference") + " " + r.getString("difference_large"));
          }
        }
      }
      assertEquals(Map.of("A", "100 94 6 true", "B", "100 96 4 false", "C", "1 0 1 true", "D", "null 7 null null"), rows);
    }
  }
}
