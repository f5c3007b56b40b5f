package io.junction.bridge;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The outbound side shared by the byte-stream transports (TCP, WebSocket): frames queued in one event-loop turn
 * are appended to one buffer and written with one socket write and one flush at the end of the turn (or as soon as
 * {@value #FLUSH_BYTES} bytes are batched). A flush per frame costs more CPU than everything else the hub does for a
 * message. Queued bytes are counted from the moment a frame is queued until the write that carries it completes,
 * and in the node's {@link OutboundBudget} from the socket write on, so the slow-consumer limits bound what one
 * client can hold in the node's memory exactly. Event-loop confined: create and use it on the connection's loop.
 */
public final class BatchedWriter {

  /** Write at once when this much is batched, rather than growing one huge buffer. */
  public static final int FLUSH_BYTES = 64 * 1024;

  /** Where a batch goes: writes {@code batch} and runs {@code done} on the event loop once it is written or failed. */
  public interface Sink {
    void write(Buffer batch, Runnable done);
  }

  private final Context context;
  private final Sink sink;
  private final OutboundBudget budget;
  private final int drainBelow;
  private final Handler<Void> flushTask = v -> flush();
  private Buffer out;
  private long unwritten;
  private boolean flushScheduled;
  private Runnable drainAction;

  public BatchedWriter(BridgeCore core, Sink sink) {
    this.context = Vertx.currentContext();
    this.sink = sink;
    this.budget = core.outbound();
    this.drainBelow = core.limits().outboundBufferBytes() / 2;
  }

  /** Queues {@code frame} (complete on the wire, as is) for the end of this turn. */
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

  /** Writes what is batched now. */
  public void flush() {
    flushScheduled = false;
    Buffer b = out;
    if (b != null) {
      out = null;
      int n = b.length();
      unwritten += n;
      budget.add(n);
      sink.write(b, () -> {
        unwritten -= n;
        budget.release(n);
        checkDrain();
      });
    }
  }

  /** Bytes batched or being written. */
  public long queuedBytes() {
    return unwritten + (out == null ? 0 : out.length());
  }

  /** Runs {@code action} once when the queue is down to half of {@code limits.outbound_buffer_bytes}. */
  public void onDrain(Runnable action) {
    drainAction = action;
  }

  private void checkDrain() {
    if (drainAction != null && queuedBytes() < drainBelow) {
      Runnable action = drainAction;
      drainAction = null;
      action.run();
    }
  }
}
