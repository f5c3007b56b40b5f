package io.junction.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.impl.MessageConsumerImpl;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's subscriptions: a node-local index of addresses to {@link Topic}s, and one event-bus consumer per
 * address per node, however many clients registered it, so the cluster sees one registration per node and a
 * message is encoded once per node. Thread-safe; {@link #subscribe} and {@link #unsubscribe} are called on the
 * subscribing session's event loop, {@link #publishLocal} on any thread.
 */
public final class Fanout {

  private final EventBus bus;
  private final Stats stats;
  private final String origin;
  private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Thread, Handoff> handoffs = new ConcurrentHashMap<>();

  /** @param origin this node's id, the value of {@link BridgeCore#ORIGIN_HEADER} on what its clients publish */
  Fanout(EventBus bus, Stats stats, String origin) {
    this.bus = bus;
    this.stats = stats;
    this.origin = origin;
  }

  /** Delivers a published message to the node's own subscribers of {@code address}; {@code headers} as JSON. */
  void publishLocal(String address, byte[] headers, Payload body) {
    Topic topic = topics.get(address);
    if (topic != null) {
      topic.fanOut(new Delivery(address, headers, body, null, false));
    }
  }

  String origin() {
    return origin;
  }

  /** Whether {@code m} was published by a client of this node (and so delivered here already). */
  boolean fromHere(Message<?> m) {
    if (origin.equals(m.headers().get(BridgeCore.ORIGIN_HEADER))) {
      stats.ownCopyDropped();
      return true;
    }
    return false;
  }

  /** The hand-off to the event loop of {@code context} (one per loop thread, whatever the context). */
  Handoff handoff(Context context) {
    return handoffs.computeIfAbsent(Thread.currentThread(), t -> new Handoff(context));
  }

  /**
   * Messages that reach a topic's consumer after it was unregistered (its last client closed) are counted, and a
   * request among them is failed, instead of one Vert.x warning each.
   */
  void quiet(MessageConsumer<Object> consumer) {
    if (consumer instanceof MessageConsumerImpl<Object> impl) {
      impl.discardHandler(m -> {
        stats.discarded(1);
        Topic.failUndelivered(m);
      });
    }
  }

  /** Adds the subscription; the future completes when the address is registered cluster-wide. */
  Future<Void> subscribe(Subscription sub) {
    for (;;) {
      Topic topic = topics.computeIfAbsent(sub.address, a -> new Topic(bus, this, a));
      Future<Void> ready = topic.add(sub);
      if (ready != null) {
        return ready;
      }
      // the topic closed between the lookup and the add: its entry is gone, try a fresh one
      topics.remove(sub.address, topic);
    }
  }

  void unsubscribe(Subscription sub) {
    Topic topic = sub.topic;
    if (topic != null && topic.remove(sub)) {
      topics.remove(sub.address, topic);
    }
  }

  /** Whether some client on this node has registered {@code address}. */
  public boolean has(String address) {
    return topics.containsKey(address);
  }

  /** Addresses with at least one subscriber on this node. */
  public int addresses() {
    return topics.size();
  }
}
