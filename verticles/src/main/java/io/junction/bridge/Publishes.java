package io.junction.bridge;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One session's publishes and their acknowledgements. A publish is acknowledged once it went out; in a scope that
 * keeps history that is after the cluster kept it. Publishes into history scopes are pipelined: each is kept at
 * once and goes out after the one before it ({@link Publisher}), at most {@value #MAX_KEEPING} under way; the
 * session holds any other frame until they are out ({@link #pending}), so a connection's messages keep their
 * order. Event-loop confined, like its session.
 */
final class Publishes {

  /** Publishes into history scopes one connection may have under way at once (pipelined cluster round trips). */
  static final int MAX_KEEPING = 256;

  private final Session<?> session;
  private final BridgeCore core;
  private int keeping;
  private Future<Long> lastKept;

  Publishes(Session<?> session, BridgeCore core) {
    this.session = session;
    this.core = core;
  }

  /** The last publish into a history scope while it is under way, else {@code null}. */
  Future<Long> pending() {
    return lastKept != null && !lastKept.isComplete() ? lastKept : null;
  }

  /** Publishes {@code f} behind {@code pending} (see {@link #pending}). */
  void publish(Frame f, AccessPolicy.Access access, Future<Long> pending) {
    Future<Long> done = core.publish(access, f.address, f.body, f.headers, pending);
    if (done.isComplete()) {
      if (f.replyAddress != null || done.failed()) {
        answer(f, done);
      }
      return;
    }
    keeping++;
    lastKept = done;
    done.onComplete(ar -> session.onOwnLoop(() -> {
      keeping--;
      if (!session.closing()) {
        answer(f, ar);
      }
    }));
    if (keeping >= MAX_KEEPING) {
      session.hold(done, ar -> { });
    }
  }

  private void answer(Frame f, AsyncResult<Long> ar) {
    if (ar.failed()) {
      BridgeException e = ar.cause() instanceof BridgeException ? (BridgeException) ar.cause()
        : new BridgeException(ErrorCode.INTERNAL_ERROR, "could not keep the message: " + ar.cause().getMessage());
      session.refuse(f, e.code(), e.detail());
    } else if (f.replyAddress != null) {
      JsonObject ack = new JsonObject().put("published", f.address);
      session.reply(f, ar.result() >= 0 ? ack.put("seq", ar.result()) : ack);
    }
  }
}
