package cn.tianjin.makerspace.common;

/**
 * The one-writer lock of a warehouse, held while writing ({@link SnapshotStore#lockForWrite});
 * closing it releases it. A local warehouse uses an operating-system lock ({@link OsFileLock}),
 * which a dead writer's process gives up at once; HDFS has none, so a warehouse there uses a lease
 * ({@link LeaseLock}) that the next writer may take over once it has expired.
 */
public interface WriteLock extends AutoCloseable {
  /**
   * Checks that this writer still holds the lock, just before it publishes.
   *
   * @throws IllegalStateException when the lock was lost (a lease that expired and was taken over)
   */
  void checkHeld();

  @Override
  void close();
}
