package io.junction.auth;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * The users a node knows, from its users file, reloaded when the file changes (checked every two seconds, off the
 * event loop), so {@code users add} takes effect on a running node without a restart. A file that cannot be read
 * keeps the previous users and is logged. Thread-safe.
 */
public final class Users {

  private static final Logger log = LoggerFactory.getLogger(Users.class);

  private final UsersFile file;
  private volatile Map<String, UserRecord> users;
  private volatile Object stamp;
  private long timer = -1;

  public Users(UsersFile file) {
    this.file = file;
    this.users = file.read();
    this.stamp = stamp();
  }

  /** A user, or {@code null}. */
  public UserRecord get(String name) {
    return users.get(name);
  }

  public Map<String, UserRecord> all() {
    return users;
  }

  /** Starts watching the file for changes. */
  public void watch(Vertx vertx) {
    timer = vertx.setPeriodic(2000, id -> vertx.executeBlocking(() -> {
      reloadIfChanged();
      return null;
    }, false));
  }

  public void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Reads the file again if it changed since the last read. */
  public void reloadIfChanged() {
    Object now = stamp();
    if (now.equals(stamp)) {
      return;
    }
    try {
      Map<String, UserRecord> fresh = file.read();
      users = fresh;
      stamp = now;
      log.info("users file {} reloaded: {} users", file.path(), fresh.size());
    } catch (IllegalStateException e) {
      stamp = now;
      log.warn("users file {} not reloaded, keeping the previous users: {}", file.path(), e.getMessage());
    }
  }

  private Object stamp() {
    try {
      FileTime t = Files.getLastModifiedTime(file.path());
      return t.toMillis() + ":" + Files.size(file.path());
    } catch (NoSuchFileException e) {
      return "absent";
    } catch (IOException e) {
      return "unreadable:" + e.getMessage();
    }
  }
}
