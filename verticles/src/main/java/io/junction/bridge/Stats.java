package io.junction.bridge;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.LongAdder;

/** Node-wide counters of what the limits did, reported by {@code GET /health}. Thread-safe. */
public final class Stats {

  private final LongAdder dropped = new LongAdder();
  private final LongAdder slowConsumerClosed = new LongAdder();
  private final LongAdder connectionsOpened = new LongAdder();
  private final LongAdder slowConsumersDropping = new LongAdder();
  private final LongAdder discarded = new LongAdder();
  private final LongAdder ownCopies = new LongAdder();

  void dropped() {
    dropped.increment();
  }

  void slowConsumerClosed() {
    slowConsumerClosed.increment();
  }

  /** A slow consumer under the {@code drop} policy started dropping. */
  void slowConsumerDropping() {
    slowConsumersDropping.increment();
  }

  /** Messages that reached a subscription after its connection closed, discarded quietly. */
  void discarded(long n) {
    discarded.add(n);
  }

  /** A client's publish came back to this node over the bus and was dropped (it was delivered here already). */
  void ownCopyDropped() {
    ownCopies.increment();
  }

  public long discardedMessages() {
    return discarded.sum();
  }

  void opened() {
    connectionsOpened.increment();
  }

  public long droppedMessages() {
    return dropped.sum();
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("connectionsOpened", connectionsOpened.sum())
      .put("droppedMessages", dropped.sum())
      .put("slowConsumersClosed", slowConsumerClosed.sum())
      .put("slowConsumersDropping", slowConsumersDropping.sum())
      .put("discardedAfterClose", discarded.sum())
      .put("ownCopiesDropped", ownCopies.sum());
  }
}
