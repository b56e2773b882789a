package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.transforms.DataChecksFailed;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * How a picocli command is run here, for {@code ./warehouse} and for the benchmarks' tool: dates
 * parsed as ISO dates, a usage error answered with the message and the usage (exit 2), a
 * {@link UserError} with its message (exit 2), failed data checks with theirs (exit 3), anything
 * else with its root cause (exit 1; the stack trace with {@code WAREHOUSE_DEBUG=1}).
 */
public final class Commands {
  /** Exit status when data checks failed (the transform published nothing, or {@code check} found a failure). */
  public static final int CHECKS_FAILED = 3;
  /** Exit status of a user error: a bad option, a missing folder, bad SQL. */
  public static final int USER_ERROR = 2;

  private Commands() {}

  /** Runs {@code argv} against the annotated command {@code root}; returns the exit status. */
  public static int execute(Object root, String[] argv, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(root);
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setUsageHelpWidth(100);
    cl.registerConverter(LocalDate.class, v -> {
      try {
        return LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("a date like 2025-12-31, not '" + v + "'");
      }
    });
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine c = e.getCommandLine();
      String message = c == cl && e instanceof CommandLine.UnmatchedArgumentException && !args[0].startsWith("-")
          ? "unknown command '" + args[0] + "'" : e.getMessage();
      err.println("error: " + message);
      err.println();
      c.usage(err);
      return USER_ERROR;
    });
    cl.setExecutionExceptionHandler((e, c, parsed) -> {
      if (e instanceof DataChecksFailed) {
        err.println("error: " + e.getMessage());
        return CHECKS_FAILED;
      }
      if (e instanceof UserError) {
        err.println("error: " + e.getMessage());
        return USER_ERROR;
      }
      err.println("error: " + describe(e)); // Spark throws its checked SparkException undeclared
      if (System.getenv("WAREHOUSE_DEBUG") != null) {
        e.printStackTrace(err);
      } else {
        err.println("(set WAREHOUSE_DEBUG=1 for the stack trace)");
      }
      return 1;
    });
    return cl.execute(argv);
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof UserError) {
        break;
      }
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
