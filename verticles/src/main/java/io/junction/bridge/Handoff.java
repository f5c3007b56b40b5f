package io.junction.bridge;

import io.vertx.core.Context;
import io.vertx.core.Handler;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deliveries on their way to the subscribers of one event loop from other threads: queued here, and handed over as
 * one task per batch, not one per message. Whatever arrived while the loop was busy is delivered in one turn, so
 * its connections write it with one flush each. Order is kept per sending thread. Thread-safe; {@link #drain} runs
 * on the loop.
 */
final class Handoff {

  private final Context context;
  private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Handler<Void> drainTask = v -> drain();

  private record Item(Topic.Group group, Delivery delivery) {
  }

  Handoff(Context context) {
    this.context = context;
  }

  /** Queues {@code d} for {@code group}'s subscribers; schedules a drain unless one is pending. */
  void offer(Topic.Group group, Delivery d) {
    queue.offer(new Item(group, d));
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      context.runOnContext(drainTask);
    }
  }

  private void drain() {
    scheduled.set(false);
    Item item;
    while ((item = queue.poll()) != null) {
      item.group().deliverAll(item.delivery());
    }
  }
}
