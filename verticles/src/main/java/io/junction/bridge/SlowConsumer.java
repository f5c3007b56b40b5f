package io.junction.bridge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code limits.slow_consumer} to published messages for one session. A client is a slow consumer only when
 * its queue (bytes waiting to be written to it) has stayed above {@code limits.outbound_buffer_bytes} for longer
 * than {@code limits.write_deadline_ms}, or has reached {@code limits.max_outbound_bytes}, or is above the soft
 * limit while the node's budget ({@code limits.node_outbound_bytes}) is spent. A client that keeps up on average is
 * never cut by a burst or a pause shorter than the deadline. Then either close it with {@code slow_consumer}
 * ({@code disconnect}), or drop and count its messages and, once it has caught up, tell it how many it lost
 * ({@code drop}). Event-loop confined, like its session.
 */
final class SlowConsumer<F> {

  private static final Logger log = LoggerFactory.getLogger(SlowConsumer.class);

  private final BridgeCore core;
  private final Session<F> session;
  private final Connection<F> conn;
  private final long soft;
  private final long hard;
  private final long deadlineNanos;
  private long overSince;
  private boolean over;
  private long dropped;

  SlowConsumer(BridgeCore core, Session<F> session, Connection<F> conn) {
    Limits limits = core.limits();
    this.core = core;
    this.session = session;
    this.conn = conn;
    this.soft = limits.outboundBufferBytes();
    this.hard = Math.max(soft, limits.maxOutboundBytes());
    this.deadlineNanos = limits.writeDeadlineMs() * 1_000_000L;
  }

  /** Writes {@code frame}, or applies the policy when the client is a slow consumer. */
  void deliver(F frame) {
    if (dropped > 0) {
      // dropping until the queue is down to half the soft limit (then caughtUp tells the client)
      core.stats().dropped();
      dropped++;
      return;
    }
    long queued = conn.queuedBytes();
    if (queued < soft) {
      over = false;
      conn.write(frame);
      return;
    }
    String why = slow(queued);
    if (why == null) {
      conn.write(frame);
    } else if (core.limits().slowConsumer() == SlowConsumerPolicy.DISCONNECT) {
      core.stats().slowConsumerClosed();
      session.fail(ErrorCode.SLOW_CONSUMER, why);
    } else {
      drop(why);
    }
  }

  /**
   * From the session's once-a-second housekeeping: a client whose queue stayed above the soft limit past the
   * deadline is cut even when no new message comes (under {@code drop} there is nothing to drop, it just waits).
   */
  void tick() {
    if (over && dropped == 0 && core.limits().slowConsumer() == SlowConsumerPolicy.DISCONNECT) {
      long queued = conn.queuedBytes();
      if (queued < soft) {
        over = false;
      } else {
        String why = slow(queued);
        if (why != null) {
          core.stats().slowConsumerClosed();
          session.fail(ErrorCode.SLOW_CONSUMER, why);
        }
      }
    }
  }

  /** Why a client with {@code queued} bytes above its soft limit is a slow consumer now, or {@code null}. */
  private String slow(long queued) {
    long now = System.nanoTime();
    if (!over) {
      over = true;
      overSince = now;
    }
    if (queued >= hard) {
      return queued + " bytes waited to be written (limits.max_outbound_bytes " + hard + ")";
    }
    if (now - overSince >= deadlineNanos) {
      return "more than " + soft + " bytes waited to be written for " + (now - overSince) / 1_000_000
        + " ms (limits.write_deadline_ms " + deadlineNanos / 1_000_000 + ")";
    }
    if (core.outbound().spent()) {
      return "more than " + soft + " bytes waited to be written while the node's outbound budget is spent"
        + " (limits.node_outbound_bytes " + core.outbound().limit() + ")";
    }
    return null;
  }

  private void drop(String why) {
    core.stats().dropped();
    dropped = 1;
    core.stats().slowConsumerDropping();
    session.once(ErrorCode.SLOW_CONSUMER, why + "; dropping messages until the client catches up");
    conn.onDrain(this::caughtUp);
  }

  private void caughtUp() {
    if (!session.closing() && dropped > 0) {
      session.write(conn.wire().error(ErrorCode.SLOW_CONSUMER, dropped + " messages were dropped while the client read too slowly"));
      log.info("session {} ({} {}) caught up after {} dropped messages", session.id(), session.transport(), session.remoteAddress(), dropped);
      dropped = 0;
      over = false;
    }
  }
}
