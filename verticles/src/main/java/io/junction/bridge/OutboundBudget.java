package io.junction.bridge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node-wide budget of bytes waiting to be written to clients ({@code limits.node_outbound_bytes}): every
 * transport adds what it hands to a socket and releases it once written, so the sum of every client's queue is
 * known. Thread-safe; transports update it once per socket write, not per message.
 */
public final class OutboundBudget {

  private final AtomicLong used = new AtomicLong();
  private final long limit;

  public OutboundBudget(long limit) {
    this.limit = limit;
  }

  /** {@code n} more bytes wait to be written. */
  public void add(long n) {
    used.addAndGet(n);
  }

  /** {@code n} bytes were written (or dropped with their connection). */
  public void release(long n) {
    used.addAndGet(-n);
  }

  /** Whether the node's clients hold more than the budget. */
  public boolean spent() {
    return used.get() >= limit;
  }

  public long used() {
    return used.get();
  }

  public long limit() {
    return limit;
  }
}
