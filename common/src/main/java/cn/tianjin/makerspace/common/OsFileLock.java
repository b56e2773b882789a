package cn.tianjin.makerspace.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer lock of a local warehouse: an operating-system lock on its {@code .lock} file.
 * The operating system releases it when the process dies, so a crashed writer never blocks the
 * next one.
 */
final class OsFileLock implements WriteLock {
  private final FileChannel channel;
  private final FileLock lock;

  private OsFileLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the warehouse folder {@code root}, creating the folder if need be.
   *
   * @throws UserError when another process, or this one, holds it, or the folder cannot be locked
   */
  static OsFileLock acquire(Path root) {
    try {
      Files.createDirectories(root);
      FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this same process
      }
      if (lock == null) {
        ch.close();
        throw new UserError("another process is writing to the warehouse " + root);
      }
      return new OsFileLock(ch, lock);
    } catch (IOException e) {
      throw new UserError("cannot lock the warehouse " + root + ": " + e.getMessage(), e);
    }
  }

  /** The operating system keeps the lock until this process closes it or dies. */
  @Override
  public void checkHeld() {}

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
