package io.junction.http;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.Connection;
import io.junction.bridge.OutboundBudget;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.Wire;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One Server-Sent Events stream: a receive-only session. The events of one event-loop turn go out as one chunk
 * (one write and flush, not one per message); its queue counts their bytes until that write completes.
 * Event-loop confined.
 */
final class SseConnection implements Connection<Buffer> {

  private final HttpServerResponse response;
  private final String remote;
  private final String host;
  private final OutboundBudget budget;
  private final int limit;
  private final Context context;
  private long queued;
  private Buffer pending;
  private Runnable drainAction;

  SseConnection(HttpServerResponse response, io.vertx.core.net.SocketAddress remote, BridgeCore core) {
    this.response = response;
    this.remote = String.valueOf(remote);
    this.host = remote == null ? "unknown" : remote.host();
    this.budget = core.outbound();
    this.limit = core.limits().outboundBufferBytes();
    this.context = Vertx.currentContext();
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

  /** Queues an event; the events of one event-loop turn go out as one chunk. */
  @Override
  public void write(Buffer frame) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (pending == null) {
      pending = Buffer.buffer(Math.max(1024, frame.length()));
      context.runOnContext(v -> flush());
    }
    pending.appendBuffer(frame);
  }

  private void flush() {
    Buffer batch = pending;
    pending = null;
    if (batch != null && !response.ended() && !response.closed()) {
      int n = batch.length();
      queued += n;
      budget.add(n);
      response.write(batch).onComplete(ar -> {
        queued -= n;
        budget.release(n);
        if (drainAction != null && queued < limit / 2) {
          Runnable action = drainAction;
          drainAction = null;
          action.run();
        }
      });
    }
  }

  @Override
  public long queuedBytes() {
    return queued + (pending == null ? 0 : pending.length());
  }

  @Override
  public void onDrain(Runnable action) {
    drainAction = action;
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
    flush();
    if (!response.ended() && !response.closed()) {
      response.end();
    }
  }
}
