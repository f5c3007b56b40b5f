package io.junction.bridge;

import io.vertx.core.Vertx;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The sessions of one endpoint verticle instance (one event loop), with the once-a-second housekeeping of each:
 * idle timeout and expiry of unanswered requests. Event-loop confined; create it in the verticle's start.
 */
public final class LocalSessions {

  private final Vertx vertx;
  private final Set<Session<?>> sessions = new LinkedHashSet<>();
  private final long timer;

  public LocalSessions(Vertx vertx) {
    this.vertx = vertx;
    this.timer = vertx.setPeriodic(1000, id -> tick());
  }

  public void add(Session<?> s) {
    sessions.add(s);
  }

  public void remove(Session<?> s) {
    sessions.remove(s);
  }

  private void tick() {
    long now = System.nanoTime();
    for (Session<?> s : sessions.toArray(new Session<?>[0])) {
      s.tick(now);
    }
  }

  /** Stops the housekeeping (verticle stop). */
  public void stop() {
    vertx.cancelTimer(timer);
  }
}
