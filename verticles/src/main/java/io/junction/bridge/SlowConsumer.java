package io.junction.bridge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code limits.slow_consumer} to published messages for one session: while more than
 * {@code limits.outbound_buffer_bytes} wait to be written to the client, either close it with
 * {@code slow_consumer} ({@code disconnect}), or drop and count its messages and, once it has caught up, tell it
 * how many it lost ({@code drop}). Event-loop confined, like its session.
 */
final class SlowConsumer<F> {

  private static final Logger log = LoggerFactory.getLogger(SlowConsumer.class);

  private final BridgeCore core;
  private final Session<F> session;
  private final Connection<F> conn;
  private final Limits limits;
  private long dropped;

  SlowConsumer(BridgeCore core, Session<F> session, Connection<F> conn) {
    this.core = core;
    this.session = session;
    this.conn = conn;
    this.limits = core.limits();
  }

  /** Writes {@code frame}, or applies the policy when the client is congested. */
  void deliver(F frame) {
    if (!conn.congested()) {
      conn.write(frame);
    } else if (limits.slowConsumer() == SlowConsumerPolicy.DISCONNECT) {
      core.stats().slowConsumerClosed();
      session.fail(ErrorCode.SLOW_CONSUMER, "more than " + limits.outboundBufferBytes() + " bytes waited to be written");
    } else {
      core.stats().dropped();
      if (dropped++ == 0) {
        session.once(ErrorCode.SLOW_CONSUMER, "outbound buffer full; dropping messages until the client catches up");
        conn.onDrain(this::caughtUp);
      }
    }
  }

  private void caughtUp() {
    if (!session.closing() && dropped > 0) {
      session.write(conn.wire().error(ErrorCode.SLOW_CONSUMER, dropped + " messages were dropped while the client read too slowly"));
      log.info("session {} ({} {}) caught up after {} dropped messages", session.id(), session.transport(), session.remoteAddress(), dropped);
      dropped = 0;
    }
  }
}
