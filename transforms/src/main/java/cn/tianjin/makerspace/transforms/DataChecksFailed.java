package cn.tianjin.makerspace.transforms;

import cn.tianjin.makerspace.common.UserError;

/**
 * The transform's new tables broke at least one data check, so nothing was published: the
 * previous snapshot stays live. The message names each failing check with up to
 * {@link CheckRunner#SAMPLES} offending rows; {@link #report()} has every result.
 */
public final class DataChecksFailed extends UserError {
  private final transient CheckReport report;

  public DataChecksFailed(CheckReport report, String liveSnapshot) {
    super(message(report, liveSnapshot));
    this.report = report;
  }

  public CheckReport report() {
    return report;
  }

  private static String message(CheckReport report, String liveSnapshot) {
    StringBuilder m = new StringBuilder();
    m.append("data checks failed: ").append(report.failures().size()).append(" of ").append(report.results().size())
        .append("; nothing published (snapshot ").append(liveSnapshot).append(" stays live)");
    for (CheckResult r : report.failures()) {
      m.append("\n  ").append(r.check().name()).append(": ").append(r.failingRows())
          .append(r.failingRows() == 1 ? " offending row" : " offending rows").append(" (").append(r.check().description()).append(')');
      r.samples().forEach(s -> m.append("\n    ").append(s));
    }
    return m.toString();
  }
}
