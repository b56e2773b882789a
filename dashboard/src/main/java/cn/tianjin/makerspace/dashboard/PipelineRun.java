package cn.tianjin.makerspace.dashboard;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One pipeline run (ingest, then transform) as recorded in {@link PipelineHistory} and shown on
 * 数据更新. Times are ISO-8601 instants; {@code ingestPublished} is null until the ingest is done
 * (false: nothing had changed in the landing zone); {@code snapshot} is the id the transform
 * published; {@code checks} the transform's data checks (null when they did not run: the run
 * failed before them, or it was recorded before there were checks).
 */
public record PipelineRun(
    long id, Trigger trigger, String by, String started, String finished, Status status, String asOf,
    Boolean ingestPublished, List<Source> sources, String snapshot, String error, Checks checks) {

  /** What started a run; written in lower case ({@code schedule}) in the history and the API. */
  public enum Trigger {
    /** The server's schedule. */
    SCHEDULE,
    /** An administrator's 立即更新. */
    ADMIN,
    /** The server's start on an empty warehouse. */
    STARTUP,
    /** A district's confirmed 季报 upload. */
    UPLOAD;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where a run is; written in lower case ({@code ok}). */
  public enum Status {
    RUNNING,
    OK,
    FAILED;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One source's rows in a run's ingest (only the sources that changed since the last ingest). */
  public record Source(String source, long files, long read, long accepted, long quarantined, long duplicates) {}

  /** A data check that failed: its name and how many rows broke it. */
  public record FailedCheck(String name, long rows) {}

  /** A run's data checks: how many passed and failed, and the failures (docs/architecture.md, Data checks). */
  public record Checks(int passed, int failed, List<FailedCheck> failures) {}

  /** A run just started. */
  public static PipelineRun started(long id, Trigger trigger, String by, String asOf) {
    return new PipelineRun(id, trigger, by, Instant.now().toString(), null, Status.RUNNING, asOf, null, null, null, null, null);
  }

  /** Whether it has ended (ok or failed). */
  public boolean ended() {
    return status != Status.RUNNING;
  }

  /** With its ingest done: whether the ingest published, and the sources it read. */
  public PipelineRun ingested(boolean published, List<Source> s) {
    return new PipelineRun(id, trigger, by, started, finished, status, asOf, published, s, snapshot, error, checks);
  }

  /** Ended well: the snapshot the transform published and its passed checks. */
  public PipelineRun ok(String snapshotId, Checks passed) {
    return new PipelineRun(id, trigger, by, started, Instant.now().toString(), Status.OK, asOf, ingestPublished, sources, snapshotId, null, passed);
  }

  /** Ended with an error (its checks as they were). */
  public PipelineRun failed(String message) {
    return failed(message, checks);
  }

  /** Ended with an error and the data checks that found it. */
  public PipelineRun failed(String message, Checks found) {
    return new PipelineRun(id, trigger, by, started, Instant.now().toString(), Status.FAILED, asOf, ingestPublished, sources, snapshot, message, found);
  }
}
