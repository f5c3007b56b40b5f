package io.junction.tcp;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.Connection;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.LocalSessions;
import io.junction.bridge.BatchedWriter;
import io.junction.bridge.Session;
import io.junction.bridge.Wire;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * One TCP client: cuts the byte stream into length-prefixed frames for its session, and batches outgoing frames
 * into one socket write per event-loop turn ({@link BatchedWriter}). A frame longer than
 * {@code limits.max_frame_bytes}, or a negative length, loses the framing: the client gets an error frame and the
 * connection closes. Event-loop confined.
 */
final class TcpConnection implements Connection<Buffer>, Handler<Buffer> {

  private final NetSocket socket;
  private final int maxFrame;
  private final BatchedWriter out;
  private Session<Buffer> session;
  private Buffer inbound;
  private int pos;
  private boolean broken;

  TcpConnection(NetSocket socket, BridgeCore core) {
    this.socket = socket;
    this.maxFrame = core.limits().maxFrameBytes();
    this.out = new BatchedWriter(core, ((NetSocketInternal) socket).channelHandlerContext());
  }

  /** Opens the session; false when the node refused it (the client was told why and the socket closes). */
  boolean start(BridgeCore core) {
    try {
      session = core.open(this);
    } catch (BridgeException e) {
      write(TcpWire.INSTANCE.error(e.code(), e.detail()));
      close(e.code());
      return false;
    }
    socket.handler(this);
    return true;
  }

  Session<Buffer> session() {
    return session;
  }

  @Override
  public void handle(Buffer chunk) {
    if (broken) {
      return;
    }
    Buffer buf = inbound == null ? chunk : inbound.appendBuffer(chunk);
    int p = inbound == null ? 0 : pos;
    int n = buf.length();
    while (n - p >= 4) {
      int len = buf.getInt(p);
      if (len < 0 || len > maxFrame) {
        framingLost(len);
        return;
      }
      if (n - p - 4 < len) {
        break;
      }
      byte[] frame = buf.getBytes(p + 4, p + 4 + len);
      p += 4 + len;
      session.receive(frame);
      if (broken || session.isClosed()) {
        return;
      }
    }
    keep(buf, p, n);
  }

  private void keep(Buffer buf, int p, int n) {
    if (p == n) {
      inbound = null;
      pos = 0;
    } else if (buf != inbound || p > BatchedWriter.FLUSH_BYTES) {
      inbound = buf.getBuffer(p, n);
      pos = 0;
    } else {
      pos = p;
    }
  }

  private void framingLost(int len) {
    broken = true;
    inbound = null;
    if (len < 0) {
      session.fail(ErrorCode.INVALID_FRAME_LENGTH, "frame length " + len + " is negative");
    } else {
      session.fail(ErrorCode.FRAME_TOO_LARGE, "frame of " + len + " bytes; the limit is " + maxFrame);
    }
  }

  @Override
  public Wire<Buffer> wire() {
    return TcpWire.INSTANCE;
  }

  @Override
  public String transport() {
    return "tcp";
  }

  @Override
  public String remoteAddress() {
    return LocalSessions.remoteAddress(socket);
  }

  @Override
  public String remoteHost() {
    return LocalSessions.remoteHost(socket);
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
    socket.pause();
  }

  @Override
  public void resume() {
    socket.resume();
  }

  @Override
  public void close(ErrorCode reason) {
    out.flush();
    socket.close();
  }
}
