package io.junction.sockjs;

import io.junction.bridge.Connection;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.Wire;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

/**
 * One SockJS session (any SockJS transport) or plain WebSocket. Outbound accounting counts the characters
 * written but not yet handed to the socket (SockJS acknowledges each write once it went out, also for polling
 * transports whose client is between polls), so a slow browser cannot grow the node's memory. Event-loop confined.
 */
final class SockJsConnection implements Connection<String> {

  private final SockJSSocket sock;
  private final String transport;
  private final int limit;
  private long outstanding;
  private Runnable drainAction;
  private boolean closed;

  SockJsConnection(SockJSSocket sock, String transport, int limit) {
    this.sock = sock;
    this.transport = transport;
    this.limit = limit;
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
  public void write(String frame) {
    if (closed) {
      return;
    }
    int n = frame.length();
    outstanding += n;
    sock.write(frame).onComplete(ar -> {
      outstanding -= n;
      checkDrain();
    });
  }

  @Override
  public boolean congested() {
    return outstanding >= limit;
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

  @Override
  public void close(ErrorCode reason) {
    closed = true;
    sock.close(reason.closeCode(), reason.id());
  }
}
