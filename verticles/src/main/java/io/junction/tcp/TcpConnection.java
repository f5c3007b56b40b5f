package io.junction.tcp;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.Connection;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.LocalSessions;
import io.junction.bridge.Session;
import io.junction.bridge.Wire;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * One TCP client: cuts the byte stream into length-prefixed frames for its session, and batches outgoing frames
 * into one socket write per event-loop turn (a flush per frame costs more CPU than everything else the hub does
 * for a message). A frame longer than {@code limits.max_frame_bytes}, or a negative length, loses the framing:
 * the client gets an error frame and the connection closes.
 *
 * <p>Outbound bytes are counted from the moment a frame is queued until the socket write that carries it
 * completes, so {@code limits.outbound_buffer_bytes} bounds what one client can hold in the node's memory
 * exactly. Event-loop confined.
 */
final class TcpConnection implements Connection<Buffer>, Handler<Buffer> {

  /** Write at once when this much is batched, rather than growing one huge buffer. */
  private static final int FLUSH_BYTES = 64 * 1024;

  private final NetSocket socket;
  private final Context context;
  private final int maxFrame;
  private final int outboundLimit;
  private final Handler<Void> flushTask = v -> flush();
  private Session<Buffer> session;
  private Buffer inbound;
  private int pos;
  private boolean broken;
  private Buffer out;
  private long unwritten;
  private boolean flushScheduled;
  private Runnable drainAction;

  TcpConnection(NetSocket socket, BridgeCore core) {
    this.socket = socket;
    this.context = Vertx.currentContext();
    this.maxFrame = core.limits().maxFrameBytes();
    this.outboundLimit = core.limits().outboundBufferBytes();
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
    } else if (buf != inbound || p > FLUSH_BYTES) {
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
    if (out == null) {
      out = Buffer.buffer(Math.max(1024, frame.length()));
    }
    out.appendBuffer(frame);
    if (out.length() >= FLUSH_BYTES) {
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      context.runOnContext(flushTask);
    }
  }

  private void flush() {
    flushScheduled = false;
    Buffer b = out;
    if (b != null) {
      out = null;
      int n = b.length();
      unwritten += n;
      socket.write(b).onComplete(ar -> {
        unwritten -= n;
        checkDrain();
      });
    }
  }

  @Override
  public boolean congested() {
    return unwritten + (out == null ? 0 : out.length()) >= outboundLimit;
  }

  @Override
  public void onDrain(Runnable action) {
    drainAction = action;
  }

  private void checkDrain() {
    if (drainAction != null && unwritten + (out == null ? 0 : out.length()) < outboundLimit / 2) {
      Runnable action = drainAction;
      drainAction = null;
      action.run();
    }
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
    flush();
    socket.close();
  }
}
