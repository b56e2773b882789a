package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.UserError;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server's handle on one console query process ({@link ConsoleWorker}): a JVM started under a
 * kernel limit on its data memory ({@code ulimit -d}, RLIMIT_DATA: every heap, {@code malloc} and
 * anonymous mapping of the process, DuckDB's included), with a temporary folder of its own (the
 * DuckDB driver unpacks its native library there) that goes when the process ends.
 */
final class ConsoleProcess {
  /** The JVM around DuckDB: a small heap (a batch of rows, one value of at most the value limit). */
  static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-Xss512k", "-XX:+UseSerialGC",
      "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=96m", "-XX:-UsePerfData");

  private final Process process;
  private final DataOutputStream requests;
  private final DataInputStream answers;
  private boolean ready;
  private volatile boolean killed;

  private ConsoleProcess(Process process) {
    this.process = process;
    this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
    this.answers = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
  }

  /**
   * Starts a process on the store's live snapshot, sharing the server's local mirror of a warehouse
   * on HDFS; {@link #awaitReady} waits until its database is open.
   */
  static ConsoleProcess start(SnapshotStore store, ConsoleProcesses.Budget budget) {
    try {
      Path tmp = Files.createTempDirectory("console-query-");
      List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -d \"$1\" && shift && exec \"$@\"", "console-query",
          Long.toString(budget.bytesPerProcess() / 1024), Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      command.addAll(JVM_OPTIONS);
      store.mirror().ifPresent(mirror -> command.add("-Dwarehouse.mirror=" + mirror));
      command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), ConsoleWorker.class.getName(),
          store.location(), budget.duckDb().memory(), Integer.toString(budget.duckDb().threads())));
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      p.onExit().thenRun(() -> deleteTree(tmp));
      return new ConsoleProcess(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a console query process: " + e.getMessage(), e);
    }
  }

  /** Waits for the process's database (once); a user error when it could not open one (nothing published yet). */
  void awaitReady() throws IOException {
    if (ready) {
      return;
    }
    ConsoleFrames.Frame f = next();
    if (f.type() == ConsoleFrames.Type.ERROR) {
      throw new UserError(f.as(ConsoleFrames.Failure.class).message());
    }
    if (f.type() != ConsoleFrames.Type.READY) {
      throw new IOException("a console query process began with a " + f.type() + " frame");
    }
    ready = true;
  }

  void send(ConsoleFrames.Request request) throws IOException {
    ConsoleFrames.write(requests, ConsoleFrames.Type.REQUEST, request);
  }

  /** The next frame of the answer; an {@link EOFException} when the process ended. */
  ConsoleFrames.Frame next() throws IOException {
    ConsoleFrames.Frame f = ConsoleFrames.read(answers);
    if (f == null) {
      throw new EOFException("the console query process ended");
    }
    return f;
  }

  /** Whether it can take a query: not ended, nor being ended ({@link #kill} does not wait). */
  boolean alive() {
    return !killed && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** Ends the process at once (a query is stopped this way, whatever DuckDB is doing). */
  void kill() {
    killed = true;
    process.destroyForcibly();
  }

  /** Ends the process by closing its input (it finishes the request in hand first). */
  void close() {
    try {
      requests.close();
    } catch (IOException e) {
      kill();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // already gone
    }
  }
}
