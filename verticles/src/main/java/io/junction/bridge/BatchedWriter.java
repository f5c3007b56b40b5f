package io.junction.bridge;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.function.UnaryOperator;

/**
 * The outbound side shared by the byte-stream transports (TCP, WebSocket): frames queued in one event-loop turn
 * are copied into one pooled direct buffer and written to the channel with one write and one flush at the end of
 * the turn (or as soon as {@value #FLUSH_BYTES} bytes are batched). A flush per frame costs more CPU than
 * everything else the hub does for a message; the batch is the frames' only copy (Netty would copy heap buffers
 * into direct ones on the way to the socket). Queued bytes are counted from the moment a frame is queued until the
 * write that carries it completes, and in the node's {@link OutboundBudget} from the channel write on, so the
 * slow-consumer limits bound what one client can hold in the node's memory exactly.
 *
 * <p>It writes to the Netty context of the connection's Vert.x handler (the last of the pipeline, so TLS and the
 * WebSocket encoder, which lets bytes through, still apply). Event-loop confined: create and use it on the
 * connection's loop.
 */
public final class BatchedWriter {

  /** Write at once when this much is batched, rather than growing one huge buffer. */
  public static final int FLUSH_BYTES = 64 * 1024;
  private static final int FIRST_BYTES = 4096;

  private final Context context;
  private final ChannelHandlerContext chctx;
  private final int headroom;
  private final UnaryOperator<ByteBuf> finish;
  private final OutboundBudget budget;
  private final int drainBelow;
  private final Handler<Void> flushTask = v -> flush();
  private ByteBuf out;
  private long unwritten;
  private boolean flushScheduled;
  private Runnable drainAction;

  /** Frames go out as they were queued. */
  public BatchedWriter(BridgeCore core, ChannelHandlerContext chctx) {
    this(core, chctx, 0, UnaryOperator.identity());
  }

  /**
   * @param headroom bytes left free before the first frame of each batch
   * @param finish   turns a batch (read index at the headroom) into what goes on the wire, in the same buffer
   */
  public BatchedWriter(BridgeCore core, ChannelHandlerContext chctx, int headroom, UnaryOperator<ByteBuf> finish) {
    this.context = Vertx.currentContext();
    this.chctx = chctx;
    this.headroom = headroom;
    this.finish = finish;
    this.budget = core.outbound();
    this.drainBelow = core.limits().outboundBufferBytes() / 2;
  }

  /** Queues {@code frame} (complete on the wire, as is) for the end of this turn. */
  public void write(Buffer frame) {
    ByteBuf src = frame instanceof BufferImpl impl ? impl.byteBuf() : ((BufferInternal) frame).getByteBuf();
    int n = src.readableBytes();
    if (out == null) {
      out = chctx.alloc().directBuffer(headroom + Math.max(FIRST_BYTES, n));
      out.writerIndex(headroom);
      out.readerIndex(headroom);
    }
    out.writeBytes(src, src.readerIndex(), n);
    if (out.readableBytes() >= FLUSH_BYTES) {
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      context.runOnContext(flushTask);
    }
  }

  /** Writes what is batched now. */
  public void flush() {
    flushScheduled = false;
    ByteBuf b = out;
    if (b != null) {
      out = null;
      int n = b.readableBytes();
      unwritten += n;
      budget.add(n);
      chctx.writeAndFlush(finish.apply(b)).addListener(f -> {
        unwritten -= n;
        budget.release(n);
        checkDrain();
      });
    }
  }

  /** Bytes batched or being written. */
  public long queuedBytes() {
    return unwritten + (out == null ? 0 : out.readableBytes());
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
