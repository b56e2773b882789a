package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.Folder;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What the web app may ask of the server's pipeline (the runner lives in the command's layer,
 * {@code cn.tianjin.makerspace.pipeline}, so that the web app imports no job): its landing zone
 * and schedule, its runs, and a new run.
 */
public interface Pipeline {
  /** The landing zone the runs read (where a confirmed 季报 is written). */
  Folder landing();

  /** Today as the runner sees it: the as-of date of a run started now, and an upload's file date. */
  LocalDate today();

  /** The schedule's cron expression, if the runner has one. */
  Optional<String> schedule();

  /** When the schedule fires next. */
  Optional<ZonedDateTime> nextScheduled();

  /**
   * Starts a run in the background and returns it as recorded.
   *
   * @param by the user who asked (null for the schedule)
   * @throws Busy when a run is in progress
   */
  PipelineRun start(PipelineRun.Trigger trigger, String by);

  /** Starts a run now or, when one is in progress, right after it. True when it started now. */
  boolean request(PipelineRun.Trigger trigger, String by);

  /** The run in progress, if any. */
  Optional<PipelineRun> running();

  /** Every recorded run, newest first. */
  List<PipelineRun> history();

  /** A run was requested while another one is in progress. */
  final class Busy extends RuntimeException {
    private final transient PipelineRun running;

    public Busy(PipelineRun running) {
      super("a pipeline run is already in progress (run " + running.id() + ", started " + running.started()
          + " by " + (running.by() == null ? running.trigger().id() : running.by()) + "); try again when it has finished");
      this.running = running;
    }

    public PipelineRun running() {
      return running;
    }
  }
}
