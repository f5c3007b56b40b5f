package io.junction.bridge;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.LongAdder;

/** Node-wide counters of what the limits did, reported by {@code GET /health}. Thread-safe. */
public final class Stats {

  private final LongAdder dropped = new LongAdder();
  private final LongAdder slowConsumerClosed = new LongAdder();
  private final LongAdder connectionsOpened = new LongAdder();

  void dropped() {
    dropped.increment();
  }

  void slowConsumerClosed() {
    slowConsumerClosed.increment();
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
      .put("slowConsumersClosed", slowConsumerClosed.sum());
  }
}
