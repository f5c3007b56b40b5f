package io.junction.bridge;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Keeps a session's frames in order across asynchronous steps: while a registration reaches the cluster or a
 * login is checked, later frames wait here and the connection is not read; when the step completes, they are
 * handled in the order they came. Runs on the session's event loop.
 */
final class FrameGate {

  private final Session<?> session;
  private final Connection<?> conn;
  private ArrayDeque<byte[]> backlog;
  private int steps;

  FrameGate(Session<?> session, Connection<?> conn) {
    this.session = session;
    this.conn = conn;
  }

  /** Keeps {@code frame} for later if a step is under way; false when it may be handled now. */
  boolean keep(byte[] frame) {
    if (backlog == null) {
      return false;
    }
    backlog.add(frame);
    return true;
  }

  /**
   * Later frames wait until {@code f} completes; then {@code then} runs on the session's event loop ({@code f} may
   * complete on another: the one that created a topic, a worker). Steps may overlap ({@code then}, or a frame held
   * earlier, may start another): the frames that wait are handled, in order, once no step is under way.
   */
  <T> void hold(Future<T> f, Consumer<AsyncResult<T>> then) {
    if (f.isComplete()) {
      then.accept(f);
      return;
    }
    steps++;
    if (backlog == null) {
      backlog = new ArrayDeque<>();
      conn.pause();
    }
    f.onComplete(ar -> session.onOwnLoop(() -> {
      steps--;
      then.accept(ar);
      if (steps == 0) {
        drain();
      }
    }));
  }

  private void drain() {
    ArrayDeque<byte[]> waiting = backlog;
    backlog = null;
    if (waiting == null || session.isClosed()) {
      return;
    }
    while (!waiting.isEmpty() && steps == 0 && !session.closing()) {
      session.handle(waiting.poll());
    }
    if (steps > 0) {
      // a frame started a step: what still waits goes before anything that came in meanwhile
      if (backlog != null) {
        waiting.addAll(backlog);
      }
      backlog = waiting;
    } else if (!session.closing()) {
      conn.resume();
    }
  }

  /** Drops what waits (the session ends). */
  void clear() {
    backlog = null;
    steps = 0;
  }
}
