package io.junction.bridge;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deliveries on their way to the subscribers of one event loop from other threads: queued here, and handed over as
 * one task per batch, not one per message. A sender that runs on an event loop wakes the receiving loop once, at
 * the end of its own turn, so everything one read of a publisher's socket produced is delivered in one turn of the
 * receiver, and its connections write it with one flush each. Order is kept per sending thread. Thread-safe;
 * {@link #drain} runs on the receiving loop.
 */
final class Handoff {

  /** Per sending event loop: the hand-offs to wake at the end of its turn. */
  private static final ThreadLocal<Pending> PENDING = ThreadLocal.withInitial(Pending::new);

  private final Context context;
  private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Handler<Void> drainTask = v -> drain();

  private record Item(Topic.Group group, Delivery delivery) {
  }

  Handoff(Context context) {
    this.context = context;
  }

  /** Queues {@code d} for {@code group}'s subscribers; the receiving loop is woken at the end of this turn. */
  void offer(Topic.Group group, Delivery d) {
    queue.offer(new Item(group, d));
    Context here = Vertx.currentContext();
    if (here != null && here.isEventLoopContext()) {
      PENDING.get().add(this, here);
    } else {
      wake();
    }
  }

  private void wake() {
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

  /** The hand-offs one event loop filled in its current turn. Confined to that loop's thread. */
  private static final class Pending {
    private final List<Handoff> handoffs = new ArrayList<>(4);
    private boolean scheduled;

    void add(Handoff h, Context here) {
      if (!handoffs.contains(h)) {
        handoffs.add(h);
      }
      if (!scheduled) {
        scheduled = true;
        here.runOnContext(v -> wakeAll());
      }
    }

    private void wakeAll() {
      scheduled = false;
      for (Handoff h : handoffs) {
        h.wake();
      }
      handoffs.clear();
    }
  }
}
