package cn.tianjin.makerspace.ingestion;

import static cn.tianjin.makerspace.ingestion.CuratedTables.ONSITE_SESSIONS;
import static cn.tianjin.makerspace.ingestion.CuratedTables.QUARANTINE;
import static cn.tianjin.makerspace.ingestion.CuratedTables.QUARTERLY_REPORTS;

import cn.tianjin.makerspace.common.Progress;
import cn.tianjin.makerspace.contract.CsvFile;
import cn.tianjin.makerspace.contract.CsvRecords;
import cn.tianjin.makerspace.contract.Rejected;
import cn.tianjin.makerspace.contract.ReportCheck;
import cn.tianjin.makerspace.contract.TextDecoder;
import cn.tianjin.makerspace.contract.XlsxReport;
import cn.tianjin.makerspace.ingestion.ChangePlan.Entry;
import cn.tianjin.makerspace.ingestion.LandingZone.LandingFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The quarterly reports (季报, .csv or .xlsx), checked row by row on the driver. Every submission
 * is kept in {@code quarterly_reports}; only the latest submission of a district and quarter
 * counts, its accepted rows becoming {@code onsite_sessions} and its rejected rows quarantine.
 */
final class QuarterlyReports {
  private final LandingZone landing;
  private final SegmentWriter segments;
  private final Progress progress;

  QuarterlyReports(LandingZone landing, SegmentWriter segments, Progress progress) {
    this.landing = landing;
    this.segments = segments;
    this.progress = progress;
  }

  /** Reads every report of {@code entries}; its three tables are written in the background. */
  SourceResult ingest(List<Entry> entries, ReportCheck check) {
    progress.say("quarterly_reports: %d files", entries.size());
    Map<String, LandingFile> effective = new HashMap<>();
    for (Entry e : entries) {
      String key = e.file().reportDistrict() + "/" + e.file().quarter();
      // the latest submission counts; a CSV and a workbook of the same day: the later path (.xlsx)
      effective.merge(key, e.file(), (a, b) -> a.submittedOn().isAfter(b.submittedOn())
          || a.submittedOn().equals(b.submittedOn()) && a.path().compareTo(b.path()) > 0 ? a : b);
    }
    List<Row> sessions = new ArrayList<>();
    List<QuarantineRow> rejects = new ArrayList<>();
    List<Row> submissions = new ArrayList<>();
    List<FileCounts> all = new ArrayList<>();
    List<FileCounts> effectiveCounts = new ArrayList<>();
    long supersededFiles = 0;
    long supersededRows = 0;
    for (Entry e : entries) {
      LandingFile f = e.file();
      String district = f.reportDistrict();
      String quarter = f.quarter();
      boolean latest = effective.get(district + "/" + quarter) == f;
      FileCounts c = new FileCounts(f);
      CsvFile csv;
      if (f.path().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
        csv = XlsxReport.read(f.path(), landing.read(f), ReportCheck.COLUMNS);
        c.encoding = "xlsx";
      } else {
        TextDecoder.Decoded text = TextDecoder.decode(landing.read(f), landing.location(f));
        csv = new CsvFile(f.path(), text.text(), ReportCheck.COLUMNS);
        c.encoding = text.encoding();
      }
      for (CsvRecords.Record r : csv.records()) {
        c.read++;
        try {
          Row row = csv.check(r, x -> check.check(x, district, quarter, f.path()));
          c.accepted++;
          if (latest) {
            sessions.add(row);
          }
        } catch (Rejected x) {
          c.quarantined++;
          if (latest) {
            rejects.add(new QuarantineRow(f.path(), r.line(), x.reason(), x.detail(), r.raw(), district));
          }
        }
      }
      submissions.add(RowFactory.create(district, quarter, f.submittedOn(), f.path(), c.accepted, c.quarantined, latest));
      c.counted = latest;
      all.add(c);
      if (latest) {
        effectiveCounts.add(c);
      } else {
        supersededFiles++;
        supersededRows += c.read;
      }
    }
    progress.say("quarterly_reports: checked %s rows", SourceSummary.n(sessions.size() + rejects.size()));
    segments.replaceLater(ONSITE_SESSIONS, "reports", sessions, CuratedTables.ONSITE_SESSIONS_SCHEMA);
    segments.replaceLater(QUARTERLY_REPORTS, "reports", submissions, CuratedTables.QUARTERLY_REPORTS_SCHEMA);
    segments.replaceLater(QUARANTINE, "reports", QuarantineRow.toRows(rejects), CuratedTables.QUARANTINE_SCHEMA);
    String note =
        supersededFiles == 0
            ? ""
            : String.format("+%d superseded submission(s), %s rows, in quarterly_reports only", supersededFiles, SourceSummary.n(supersededRows));
    return new SourceResult(SourceSummary.of("quarterly_reports", effectiveCounts, note), all);
  }
}
