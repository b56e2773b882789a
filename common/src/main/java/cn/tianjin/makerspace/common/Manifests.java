package cn.tianjin.makerspace.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The files that say which snapshot is live: the manifests {@code snapshots/<id>.json} and the
 * {@code CURRENT} pointer. Every file-system operation of the commit is here (reading, writing,
 * listing and deleting manifests, reading and swapping {@code CURRENT}): a manifest and {@code
 * CURRENT} are each written under a temporary name, forced to disk and renamed atomically over
 * the target, so a reader finds the old file or the new one, never half of one ({@link
 * Folder#writeAtomically}).
 */
final class Manifests {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  static final String FOLDER = "snapshots";
  static final String CURRENT = "CURRENT";

  private final Folder files;

  Manifests(Folder files) {
    this.files = files;
  }

  /** The id {@code CURRENT} names; empty before the first publish. */
  Optional<String> currentId() {
    try {
      return files.read(CURRENT).map(b -> new String(b, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + files.location(CURRENT), e);
    }
  }

  /** The snapshot {@code CURRENT} names; empty before the first publish. */
  Optional<Snapshot> current() {
    return currentId().map(this::read);
  }

  Snapshot read(String id) {
    String manifest = manifest(id);
    try {
      byte[] json = files.read(manifest).orElseThrow(() -> new NoSuchFileException(files.location(manifest)));
      return JSON.readValue(json, ManifestJson.class).toSnapshot(id);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read snapshot manifest " + files.location(manifest), e);
    }
  }

  /** Writes the manifest of {@code snapshot} (not yet live: see {@link #swapCurrent}). */
  void write(Snapshot snapshot) throws IOException {
    files.createDirectories(FOLDER);
    files.writeAtomically(manifest(snapshot.id()), JSON.writeValueAsBytes(ManifestJson.of(snapshot)));
  }

  /** Makes the snapshot {@code id}, whose manifest is written, the live one. */
  void swapCurrent(String id) throws IOException {
    files.writeAtomically(CURRENT, (id + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Whether anything was ever published (the folder of manifests exists). */
  boolean folderExists() throws IOException {
    return files.isDirectory(FOLDER);
  }

  /**
   * The ids of the manifests in {@code snapshots/}, newest first. Removes what else is there (a
   * manifest half-written by a crashed writer, still under its temporary name).
   */
  List<String> idsNewestFirst() throws IOException {
    List<String> ids = new ArrayList<>();
    for (String n : files.list(FOLDER)) {
      if (n.endsWith(".json")) {
        ids.add(n.substring(0, n.length() - ".json".length()));
      } else {
        files.delete(FOLDER + "/" + n);
      }
    }
    ids.sort(Comparator.reverseOrder());
    return ids;
  }

  void delete(String id) throws IOException {
    files.delete(manifest(id));
  }

  private static String manifest(String id) {
    return FOLDER + "/" + id + ".json";
  }

  /**
   * A manifest as it is on disk. The id is the file's name: the {@code id} inside is written for
   * people reading the file and not read back.
   */
  @JsonPropertyOrder({"id", "created_at", "properties", "tables"})
  record ManifestJson(
      String id,
      @JsonProperty("created_at") String createdAt,
      Map<String, String> properties,
      Map<String, List<SegmentJson>> tables) {

    static ManifestJson of(Snapshot s) {
      Map<String, List<SegmentJson>> tables = new LinkedHashMap<>();
      s.tables().forEach((t, segs) -> tables.put(t, segs.stream().map(SegmentJson::of).toList()));
      return new ManifestJson(s.id(), s.createdAt().toString(), s.properties(), tables);
    }

    Snapshot toSnapshot(String id) {
      Map<String, List<Snapshot.Segment>> parsed = new LinkedHashMap<>();
      tables.forEach((t, segs) -> parsed.put(t, segs.stream().map(SegmentJson::toSegment).toList()));
      return new Snapshot(id, Instant.parse(createdAt), properties, parsed);
    }
  }

  /** One segment in a manifest. */
  @JsonPropertyOrder({"path", "label", "rows"})
  record SegmentJson(String path, String label, @JsonProperty(required = true) long rows) {
    static SegmentJson of(Snapshot.Segment s) {
      // a manifest never names a segment without a path and a label
      return new SegmentJson(Objects.requireNonNull(s.path()), Objects.requireNonNull(s.label()), s.rows());
    }

    Snapshot.Segment toSegment() {
      return new Snapshot.Segment(path, label, rows);
    }
  }
}
