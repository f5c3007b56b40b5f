package io.junction.sockjs;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.Connection;
import io.junction.bridge.OutboundBudget;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.Wire;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

/**
 * One SockJS session (any SockJS transport) or plain WebSocket. Outbound accounting counts the characters
 * written but not yet handed to the socket (SockJS acknowledges each write once it went out, also for polling
 * transports whose client is between polls), so a slow browser cannot grow the node's memory. Event-loop confined.
 */
final class SockJsConnection implements Connection<String> {

  private static final long POLLING_CLOSE_GRACE_MS = 5000;

  private final SockJSSocket sock;
  private final String transport;
  private final int limit;
  private final OutboundBudget budget;
  private long outstanding;
  private Runnable drainAction;
  private boolean closed;
  private Future<Void> lastWrite = Future.succeededFuture();

  SockJsConnection(SockJSSocket sock, String transport, BridgeCore core) {
    this.sock = sock;
    this.transport = transport;
    this.limit = core.limits().outboundBufferBytes();
    this.budget = core.outbound();
  }

  @Override
  public Wire<String> wire() {
    return JsonWire.INSTANCE;
  }

  @Override
  public String transport() {
    return transport;
  }

  @Override
  public String remoteAddress() {
    return String.valueOf(sock.remoteAddress());
  }

  @Override
  public String remoteHost() {
    return sock.remoteAddress() == null ? "unknown" : sock.remoteAddress().host();
  }

  @Override
  public void write(String frame) {
    if (closed) {
      return;
    }
    int n = frame.length();
    outstanding += n;
    budget.add(n);
    lastWrite = sock.write(frame);
    lastWrite.onComplete(ar -> {
      outstanding -= n;
      budget.release(n);
      checkDrain();
    });
  }

  @Override
  public long queuedBytes() {
    return outstanding;
  }

  @Override
  public void onDrain(Runnable action) {
    drainAction = action;
  }

  private void checkDrain() {
    if (drainAction != null && outstanding < limit / 2) {
      Runnable action = drainAction;
      drainAction = null;
      action.run();
    }
  }

  @Override
  public void pause() {
    sock.pause();
  }

  @Override
  public void resume() {
    sock.resume();
  }

  /**
   * Closes with the error's close code and id. SockJS polling transports have no close reason (vertx-web sends
   * {@code c[3000,"Go away!"]}) and drop what the client has not polled yet, so there the close waits until the
   * err frame written before it went out, or {@value #POLLING_CLOSE_GRACE_MS} ms for a client that stopped polling.
   */
  @Override
  public void close(ErrorCode reason) {
    closed = true;
    if (lastWrite.isComplete() || transport.equals("websocket")) {
      sock.close(reason.closeCode(), reason.id());
      return;
    }
    Context context = Vertx.currentContext();
    long timer = context == null ? -1 : context.owner().setTimer(POLLING_CLOSE_GRACE_MS, id -> sock.close(reason.closeCode(), reason.id()));
    lastWrite.onComplete(ar -> {
      if (timer >= 0) {
        context.owner().cancelTimer(timer);
      }
      sock.close(reason.closeCode(), reason.id());
    });
  }
}
