package cn.tianjin.makerspace.dashboard;

import cn.tianjin.makerspace.common.Snapshot;
import cn.tianjin.makerspace.common.SnapshotStore;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DuckDB database of the warehouse's live snapshot, switched without a restart: at most once
 * a second a request looks at {@code CURRENT}; when a new snapshot was published, the next
 * request opens it and later requests use it. The old database is closed a minute later, after
 * the queries that were running on it (the console's time-out is shorter) have ended.
 *
 * <p>For a warehouse on HDFS the database reads the store's local mirror; the copies no kept
 * snapshot names are dropped when the server opens its first snapshot and after it closes an old
 * one ({@link SnapshotStore#pruneMirror}).
 */
public final class LiveSnapshot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSnapshot.class);
  private static final long CHECK_NANOS = 1_000_000_000L;
  private static final long CLOSE_OLD_AFTER_SECONDS = 60;

  private final SnapshotStore store;
  private final SnapshotDatabase.Limits limits;
  private final SnapshotDatabase.Tables tables;
  private final ScheduledExecutorService closer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "snapshot-closer");
        t.setDaemon(true);
        return t;
      });
  private volatile SnapshotDatabase current;
  private volatile long checkedAt;

  public LiveSnapshot(SnapshotStore store, SnapshotDatabase.Limits limits) {
    this(store, limits, SnapshotDatabase.Tables.PARQUET_VIEWS);
  }

  public LiveSnapshot(SnapshotStore store, SnapshotDatabase.Limits limits, SnapshotDatabase.Tables tables) {
    this.store = store;
    this.limits = limits;
    this.tables = tables;
  }

  /** The database of the live snapshot; a user error when nothing was published yet. */
  public SnapshotDatabase get() {
    SnapshotDatabase db = current;
    long now = System.nanoTime();
    if (db != null && now - checkedAt < CHECK_NANOS) {
      return db;
    }
    return refresh(now);
  }

  private synchronized SnapshotDatabase refresh(long now) {
    SnapshotDatabase db = current;
    if (db != null && now - checkedAt < CHECK_NANOS) {
      return db; // another thread refreshed meanwhile
    }
    Optional<Snapshot> live = store.current();
    if (live.isEmpty()) {
      throw new BilingualError(new Message("the warehouse %s has no published snapshot yet: run the pipeline first", "数据仓库 %s 还没有发布任何快照：请先运行数据更新")
          .formatted(store.location()));
    }
    if (db == null || !db.snapshot().id().equals(live.get().id())) {
      SnapshotDatabase opened = SnapshotDatabase.open(store, live.get(), limits, tables);
      current = opened;
      if (db != null) {
        SnapshotDatabase old = db;
        closer.schedule(() -> {
          old.close();
          pruneMirror();
        }, CLOSE_OLD_AFTER_SECONDS, TimeUnit.SECONDS);
      } else {
        closer.execute(this::pruneMirror);
      }
      db = opened;
    }
    checkedAt = now;
    return db;
  }

  private void pruneMirror() {
    try {
      store.pruneMirror();
    } catch (RuntimeException e) { // the next snapshot tries again; the pages are not concerned
      LOG.warn("cannot prune the local mirror of {}: {}", store.location(), e.getMessage());
    }
  }

  /** {@link SnapshotDatabase#cached} on the live snapshot: {@code name} and {@code args} make the key. */
  public <T> T cached(String name, java.util.function.Supplier<T> compute, Object... args) {
    java.util.List<Object> key = new java.util.ArrayList<>(args.length + 1);
    key.add(name);
    key.addAll(java.util.Arrays.asList(args));
    return get().cached(key, compute);
  }

  /** {@link SnapshotDatabase#encodedAnswer} on the snapshot last opened (null before the first). */
  public <E> E encodedAnswer(Object value, java.util.function.Function<Object, E> encode) {
    SnapshotDatabase d = current;
    return d == null ? null : d.encodedAnswer(value, encode);
  }

  public SnapshotStore store() {
    return store;
  }

  @Override
  public synchronized void close() {
    closer.shutdownNow();
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
