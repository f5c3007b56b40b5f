package io.junction.websocket;

import io.junction.bridge.BatchedWriter;
import io.junction.bridge.Connection;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.Session;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * A WebSocket served by Vert.x core's server, written like a TCP connection: the frames of one event-loop turn go
 * out as one buffer with one flush ({@link BatchedWriter}), straight to the channel past Vert.x's per-frame write
 * path (Netty's WebSocket encoder lets bytes through unchanged; per-message compression is off on the HTTP
 * server). Inbound frames are joined into messages here, so a fragmented message counts against the limit as a
 * whole. Subclasses speak the envelope dialect: one envelope per message, or SockJS arrays. Event-loop confined.
 */
abstract class WsConnection implements Connection<Buffer> {

  protected final ServerWebSocket ws;
  protected final BatchedWriter out;
  protected Session<Buffer> session;
  private final int maxMessage;
  private Buffer partial;
  private boolean partialTooBig;

  /**
   * @param chctx the Netty context of the connection's handler, the last of its pipeline
   * @param out   the writer of this dialect's batches to {@code chctx}
   */
  WsConnection(ServerWebSocket ws, BatchedWriter out, int maxMessage) {
    this.ws = ws;
    this.maxMessage = maxMessage;
    this.out = out;
  }

  /** Handles one whole WebSocket message of at most the limit. */
  protected abstract void received(Buffer message);

  /** Starts reading, for {@code s}. */
  void start(Session<Buffer> s) {
    session = s;
    ws.frameHandler(this::frame);
  }

  private void frame(WebSocketFrame f) {
    if (f.isText() || f.isBinary()) {
      partial = f.binaryData();
      partialTooBig = false;
    } else if (f.isContinuation() && partial != null) {
      if (!partialTooBig) {
        partial = Buffer.buffer(partial.length() + f.binaryData().length()).appendBuffer(partial).appendBuffer(f.binaryData());
      }
    } else {
      return; // ping, pong and close are Vert.x's
    }
    if (partial.length() > maxMessage && !partialTooBig) {
      partialTooBig = true;
      session.error(ErrorCode.FRAME_TOO_LARGE, "message of " + partial.length() + " bytes or more; the limit is " + maxMessage);
    }
    if (f.isFinal()) {
      Buffer message = partial;
      partial = null;
      if (!partialTooBig && !session.isClosed()) {
        received(message);
      }
    }
  }

  @Override
  public String remoteAddress() {
    return String.valueOf(ws.remoteAddress());
  }

  @Override
  public String remoteHost() {
    return ws.remoteAddress() == null ? "unknown" : ws.remoteAddress().host();
  }

  @Override
  public void write(Buffer frame) {
    out.write(frame);
  }

  @Override
  public long queuedBytes() {
    return out.queuedBytes();
  }

  @Override
  public void onDrain(Runnable action) {
    out.onDrain(action);
  }

  @Override
  public void pause() {
    ws.pause();
  }

  @Override
  public void resume() {
    ws.resume();
  }

  /** Closes with the error's close code and id as the reason, after what was written. */
  @Override
  public void close(ErrorCode reason) {
    out.flush();
    ws.close((short) reason.closeCode(), reason.id());
  }
}
