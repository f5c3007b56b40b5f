package io.junction.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The node's data directory, locked for the node's life: two nodes never share one (the job store of a later
 * release lives there). The lock is an OS file lock, released by the OS if the process dies.
 */
final class DataDir implements AutoCloseable {

  final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDir(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws IllegalStateException saying why the directory cannot be used */
  static DataDir lock(String dir) {
    Path path = Path.of(dir).toAbsolutePath().normalize();
    try {
      Files.createDirectories(path);
      FileChannel ch = FileChannel.open(path.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        throw new IllegalStateException("data directory " + path + " is used by another node; give each node its own --data-dir");
      }
      return new DataDir(path, ch, lock);
    } catch (IOException e) {
      throw new IllegalStateException("cannot use data directory " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Where Vert.x unpacks classpath files it serves (the console). Vert.x appends a random suffix and removes the
   * directory on a clean stop; copies left by a killed node are removed here, since the lock proves they are stale.
   */
  Path cacheDir() {
    try (java.util.stream.Stream<Path> old = Files.list(path)) {
      old.filter(p -> p.getFileName().toString().startsWith("vertx-cache")).forEach(DataDir::deleteTree);
    } catch (IOException ignored) {
      // a leftover cache costs disk space only
    }
    return path.resolve("vertx-cache");
  }

  private static void deleteTree(Path root) {
    try (java.util.stream.Stream<Path> all = Files.walk(root)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the OS releases it with the process anyway
    }
  }
}
