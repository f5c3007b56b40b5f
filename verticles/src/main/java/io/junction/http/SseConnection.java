package io.junction.http;

import io.junction.bridge.Connection;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.Wire;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** One Server-Sent Events stream: a receive-only session. Event-loop confined. */
final class SseConnection implements Connection<Buffer> {

  private final HttpServerResponse response;
  private final String remote;
  private final String host;

  SseConnection(HttpServerResponse response, io.vertx.core.net.SocketAddress remote, int outboundLimit) {
    this.response = response;
    this.remote = String.valueOf(remote);
    this.host = remote == null ? "unknown" : remote.host();
    response.setWriteQueueMaxSize(outboundLimit);
  }

  @Override
  public boolean duplex() {
    return false;
  }

  @Override
  public Wire<Buffer> wire() {
    return SseWire.INSTANCE;
  }

  @Override
  public String transport() {
    return "sse";
  }

  @Override
  public String remoteAddress() {
    return remote;
  }

  @Override
  public String remoteHost() {
    return host;
  }

  @Override
  public void write(Buffer frame) {
    if (!response.ended() && !response.closed()) {
      response.write(frame);
    }
  }

  @Override
  public boolean congested() {
    return response.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable action) {
    response.drainHandler(v -> action.run());
  }

  @Override
  public void pause() {
    // receive-only: nothing to pause
  }

  @Override
  public void resume() {
    // receive-only: nothing to resume
  }

  @Override
  public void close(ErrorCode reason) {
    if (!response.ended() && !response.closed()) {
      response.end();
    }
  }
}
