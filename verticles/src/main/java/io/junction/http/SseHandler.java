package io.junction.http;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.LocalSessions;
import io.junction.bridge.Session;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/subscribe/{address}}: a Server-Sent Events stream of every message published (or sent) to the
 * address, a heartbeat comment every {@code http.sse_heartbeat_seconds}, and cleanup when the client goes. A
 * refused address is an ordinary JSON error response, before any event.
 */
final class SseHandler {

  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");

  private final Vertx vertx;
  private final BridgeCore core;
  private final LocalSessions sessions;
  private final long heartbeatMs;

  SseHandler(Vertx vertx, BridgeCore core, LocalSessions sessions, HttpOptions options) {
    this.vertx = vertx;
    this.core = core;
    this.sessions = sessions;
    this.heartbeatMs = options.sseHeartbeatSeconds() * 1000L;
  }

  void handle(RoutingContext rc) {
    String address = rc.pathParam("address");
    HttpServerResponse resp = rc.response();
    SseConnection conn = new SseConnection(resp, rc.request().remoteAddress(), core);
    Session<Buffer> session;
    Future<Void> ready;
    try {
      session = core.open(conn);
    } catch (BridgeException e) {
      HttpErrors.send(rc, e);
      return;
    }
    try {
      if (Identity.principal(rc) != null) {
        session.adopt(Identity.principal(rc));
      }
      ready = session.subscribe(address);
    } catch (BridgeException e) {
      session.closed();
      HttpErrors.send(rc, e);
      return;
    }
    resp.setChunked(true)
      .putHeader("Content-Type", "text/event-stream; charset=utf-8")
      .putHeader("Cache-Control", "no-cache")
      .putHeader("X-Accel-Buffering", "no");
    sessions.add(session);
    long timer = vertx.setPeriodic(heartbeatMs, id -> conn.write(HEARTBEAT));
    Runnable cleanup = () -> {
      vertx.cancelTimer(timer);
      sessions.remove(session);
      session.closed();
    };
    // ended by the hub (slow consumer, shutdown) or closed by the client
    resp.endHandler(v -> cleanup.run());
    resp.closeHandler(v -> cleanup.run());
    ready.onComplete(ar -> session.onOwnLoop(() -> {
      if (ar.failed()) {
        session.error(ErrorCode.REGISTRATION_FAILED, "could not register " + address);
        conn.close(ErrorCode.REGISTRATION_FAILED);
      } else {
        conn.write(Buffer.buffer("retry: 2000\n: subscribed to " + address.replace('\n', ' ') + "\n\n"));
      }
    }));
  }
}
