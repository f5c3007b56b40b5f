package io.junction.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;

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

  /**
   * Keeps {@code s}, the session of a TCP socket, until the socket closes; then the session is told. A socket
   * error closes the socket (and so ends the session).
   */
  public void track(Session<?> s, NetSocket socket) {
    add(s);
    socket.closeHandler(v -> {
      remove(s);
      s.closed();
    });
    socket.exceptionHandler(err -> socket.close());
  }

  /** A socket's peer for logs ({@code host:port}). */
  public static String remoteAddress(NetSocket socket) {
    return String.valueOf(socket.remoteAddress());
  }

  /** A socket's peer IP address, for per-address limits. */
  public static String remoteHost(NetSocket socket) {
    return socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().host();
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
