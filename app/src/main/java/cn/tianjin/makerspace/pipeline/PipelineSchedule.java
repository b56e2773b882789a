package cn.tianjin.makerspace.pipeline;

import cn.tianjin.makerspace.common.ProgrammeClock;
import cn.tianjin.makerspace.common.UserError;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When the dashboard server runs the pipeline: a cron expression evaluated in Asia/Shanghai
 * (cron-utils). Five fields are Unix cron ({@code minute hour day-of-month month day-of-week},
 * e.g. {@code 0 2 * * *} = every day at 02:00); six fields put the seconds first (the Spring /
 * Quartz form, {@code ?} allowed), e.g. {@code 30 15 10 * * *} = every day at 10:15:30.
 */
public final class PipelineSchedule {
  /** Every day at 02:00 Asia/Shanghai. */
  public static final String DEFAULT = "0 2 * * *";

  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

  private final String expression;
  private final ExecutionTime times;

  private PipelineSchedule(String expression, Cron cron) {
    this.expression = expression;
    this.times = ExecutionTime.forCron(cron);
  }

  /** Parses a 5-field (Unix) or 6-field (with seconds) expression; a user error names a bad one. */
  public static PipelineSchedule parse(String expression) {
    String e = expression == null ? "" : expression.trim().replaceAll("\\s+", " ");
    int fields = e.isEmpty() ? 0 : e.split(" ").length;
    if (fields != 5 && fields != 6) {
      throw new UserError("bad --schedule '" + expression + "': give a cron expression of 5 fields (minute hour day month weekday,"
          + " e.g. '0 2 * * *' = daily at 02:00) or 6 fields with the seconds first");
    }
    Cron cron;
    try {
      cron = (fields == 5 ? UNIX : WITH_SECONDS).parse(e).validate();
    } catch (IllegalArgumentException x) {
      throw new UserError("bad --schedule '" + expression + "': " + x.getMessage(), x);
    }
    PipelineSchedule s = new PipelineSchedule(e, cron);
    if (s.next(ProgrammeClock.now()).isEmpty()) {
      throw new UserError("bad --schedule '" + expression + "': it never fires");
    }
    return s;
  }

  public String expression() {
    return expression;
  }

  /** The first time strictly after {@code after} at which the schedule fires, in Asia/Shanghai. */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    return times.nextExecution(after.withZoneSameInstant(ProgrammeClock.ZONE));
  }

  @Override
  public String toString() {
    return expression + " (" + ProgrammeClock.ZONE.getId() + ")";
  }
}
