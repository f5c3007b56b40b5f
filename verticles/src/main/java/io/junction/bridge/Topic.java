package io.junction.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * All subscriptions to one address on this node, behind a single event-bus consumer for what comes from other
 * nodes and from the hub's own services.
 *
 * <p>A client's publish on this node reaches the topic directly ({@link #fanOut}), with no event-bus dispatch; the
 * copy the bus carries to other nodes is marked with this node's id ({@link BridgeCore#ORIGIN_HEADER}) and dropped
 * when it comes back to this consumer. Subscribers are grouped by event loop. A published message is encoded once
 * per wire format on the publishing thread, then each group gets the same frames: inline when it lives on that
 * thread, otherwise through its loop's {@link Handoff}, batched. A point-to-point message goes to one subscriber,
 * chosen round-robin. A group's member list is only touched on its own event loop; membership changes hold the
 * topic's lock. Messages that reach the consumer after its last subscriber left are discarded quietly (counted in
 * {@link Stats}).
 */
final class Topic {

  private static final Group[] NO_GROUPS = new Group[0];

  private final EventBus bus;
  private final Fanout fanout;
  private final String address;
  private volatile Group[] groups = NO_GROUPS;
  private volatile Wire<?>[] wires = new Wire<?>[0];
  private int members;
  private boolean closed;
  private MessageConsumer<Object> consumer;
  private Future<Void> ready;
  private int nextGroup;

  Topic(EventBus bus, Fanout fanout, String address) {
    this.bus = bus;
    this.fanout = fanout;
    this.address = address;
  }

  /** Adds {@code sub} (on its session's event loop); {@code null} if this topic has closed meanwhile. */
  synchronized Future<Void> add(Subscription sub) {
    if (closed) {
      return null;
    }
    Group group = groupOf(Thread.currentThread());
    if (group == null) {
      group = new Group(sub.session.context(), fanout.handoff(sub.session.context()));
      Group[] grown = Arrays.copyOf(groups, groups.length + 1);
      grown[grown.length - 1] = group;
      groups = grown;
    }
    group.members.add(sub);
    members++;
    addWire(sub.session.wire());
    sub.topic = this;
    sub.group = group;
    if (consumer == null) {
      // the consumer lives on the first subscriber's event loop; deliveries to it need no extra hop
      consumer = bus.consumer(address, this::onMessage);
      fanout.quiet(consumer);
      ready = consumer.completion();
    }
    return ready;
  }

  /** Removes {@code sub}; returns true when it was the last one and the topic is now closed. */
  synchronized boolean remove(Subscription sub) {
    Group group = sub.group;
    if (group == null || !group.members.remove(sub)) {
      return false;
    }
    sub.group = null;
    members--;
    if (group.members.isEmpty()) {
      List<Group> left = new ArrayList<>(Arrays.asList(groups));
      left.remove(group);
      groups = left.toArray(NO_GROUPS);
    }
    if (members == 0) {
      closed = true;
      consumer.unregister();
      return true;
    }
    return false;
  }

  private Group groupOf(Thread thread) {
    for (Group g : groups) {
      if (g.thread == thread) {
        return g;
      }
    }
    return null;
  }

  private void addWire(Wire<?> wire) {
    for (Wire<?> w : wires) {
      if (w == wire) {
        return;
      }
    }
    Wire<?>[] grown = Arrays.copyOf(wires, wires.length + 1);
    grown[grown.length - 1] = wire;
    wires = grown;
  }

  private void onMessage(Message<Object> m) {
    Group[] gs = groups;
    if (gs.length == 0) {
      failUndelivered(m);
      return;
    }
    if (m.isSend()) {
      Group g = gs[Math.floorMod(nextGroup++, gs.length)];
      g.run(() -> g.deliverOne(m));
      return;
    }
    if (fanout.fromHere(m)) {
      return; // published by a client of this node: fanOut delivered it already
    }
    fanOut(Delivery.of(m));
  }

  /** Delivers a published message to every subscriber on this node; callable from any thread. */
  void fanOut(Delivery d) {
    Group[] gs = groups;
    if (gs.length == 0) {
      return;
    }
    for (Wire<?> w : wires) {
      d.frame(w);
    }
    Thread here = Thread.currentThread();
    for (Group g : gs) {
      if (g.thread == here) {
        g.deliverAll(d);
      } else {
        g.handoff.offer(g, d);
      }
    }
  }

  static void failUndelivered(Message<?> m) {
    if (m.replyAddress() != null) {
      m.fail(ErrorCode.NO_HANDLERS.code(), "no client registered for " + m.address() + " could take the message");
    }
  }

  /** The subscribers of one event loop. */
  static final class Group {
    final Context context;
    final Thread thread;
    final Handoff handoff;
    final List<Subscription> members = new ArrayList<>();
    private int next;

    Group(Context context, Handoff handoff) {
      this.context = context;
      this.thread = Thread.currentThread();
      this.handoff = handoff;
    }

    void run(Runnable task) {
      if (Thread.currentThread() == thread) {
        task.run();
      } else {
        context.runOnContext(v -> task.run());
      }
    }

    void deliverAll(Delivery d) {
      // backwards: a delivery may close its session (slow consumer), which removes it from this list
      for (int i = members.size() - 1; i >= 0; i--) {
        Subscription s = members.get(i);
        if (s.accepts(d)) {
          s.session.deliver(d);
        }
      }
    }

    void deliverOne(Message<Object> m) {
      Delivery d = Delivery.of(m);
      boolean wantsReply = m.replyAddress() != null;
      int n = members.size();
      for (int tried = 0; tried < n; tried++) {
        Subscription s = members.get(Math.floorMod(next++, n));
        if (s.accepts(d) && (!wantsReply || s.session.canReply())) {
          s.session.deliverRequest(m, d);
          return;
        }
      }
      failUndelivered(m);
    }
  }
}
