package cn.tianjin.makerspace.bench;

import cn.tianjin.makerspace.cli.Commands;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code bench/tool}: what the benchmark scripts measure the product against — bare Spark and bare
 * DuckDB baselines on the same data, the dashboard's load client and the console comparison. Not
 * part of the product: nothing in {@code ./warehouse} depends on it.
 */
@Command(name = "bench/tool", mixinStandardHelpOptions = true,
    description = "The benchmarks' tools: bare baselines, the load client, the console comparison.",
    subcommands = {Baselines.class, LoadTest.Load.class, LoadTest.ConsoleCompare.class, CommandLine.HelpCommand.class})
public final class Bench implements Callable<Integer> {
  @Spec CommandSpec spec;
  /** Where the commands print, and read a password from. */
  final PrintStream out;
  final InputStream in;

  private Bench(PrintStream out, InputStream in) {
    this.out = out;
    this.in = in;
  }

  public static void main(String[] argv) {
    System.exit(run(argv, System.in, System.out, System.err));
  }

  /** Runs one command; returns the exit status (0 ok, 1 failure, 2 user error). */
  public static int run(String[] argv, InputStream in, PrintStream out, PrintStream err) {
    return Commands.execute(new Bench(out, in), argv, out, err);
  }

  /** No command: the usage, and a usage error's status. */
  @Override
  public Integer call() {
    spec.commandLine().usage(out);
    return Commands.USER_ERROR;
  }
}
