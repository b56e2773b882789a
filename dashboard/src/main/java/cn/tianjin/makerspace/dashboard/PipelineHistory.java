package cn.tianjin.makerspace.dashboard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard server's pipeline runs, in {@code <warehouse>/dashboard/pipeline-runs.jsonl}: one
 * JSON line per run, oldest first. A run's line is written when it starts ({@code running}) and
 * rewritten when its ingest is done and when it ends; the file is replaced by an atomic rename, so
 * a reader sees the old or the new file, never half of one. The newest {@link #KEPT} runs are kept.
 * The file is the server's account's only (mode 0600, see {@link PrivateFiles}).
 */
public final class PipelineHistory {
  /** Runs kept in the file (a year of nightly runs, and more). */
  public static final int KEPT = 1000;

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;

  public PipelineHistory(Path warehouse) {
    this.file = PrivateFiles.folder(warehouse).resolve("pipeline-runs.jsonl");
  }

  public Path file() {
    return file;
  }

  /** The recorded runs, oldest first (none when the file does not exist). */
  public List<PipelineRun> read() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<PipelineRun> runs = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        runs.add(JSON.readValue(line, PipelineRun.class));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a line of " + file + ": " + line, e);
      }
    }
    return runs;
  }

  /** Replaces the file with these runs (oldest first; only the newest {@link #KEPT}). */
  public void write(List<PipelineRun> runs) {
    StringBuilder text = new StringBuilder();
    try {
      for (PipelineRun r : runs.subList(Math.max(0, runs.size() - KEPT), runs.size())) {
        text.append(JSON.writeValueAsString(r)).append('\n');
      }
      PrivateFiles.replace(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
