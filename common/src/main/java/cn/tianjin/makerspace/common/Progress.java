package cn.tianjin.makerspace.common;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines of a job, stamped with the seconds since it started: {@code [ingest  12.3s] …}. */
public final class Progress {
  private final String job;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  public Progress(String job, PrintStream out) {
    this.job = job;
    this.out = out;
  }

  public void say(String format, Object... args) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    out.printf(Locale.ROOT, "[%s %5.1fs] %s%n", job, seconds, String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
