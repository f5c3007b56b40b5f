package io.junction.bridge;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's subscriptions: one event-bus consumer per address per node, however many clients registered it, so
 * the cluster sees one registration per node and a message is encoded once per node (see {@link Topic}).
 * Thread-safe; {@link #subscribe} and {@link #unsubscribe} are called on the subscribing session's event loop.
 */
public final class Fanout {

  private final EventBus bus;
  private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();

  public Fanout(EventBus bus) {
    this.bus = bus;
  }

  /** Adds the subscription; the future completes when the address is registered cluster-wide. */
  Future<Void> subscribe(Subscription sub) {
    for (;;) {
      Topic topic = topics.computeIfAbsent(sub.address, a -> new Topic(bus, a));
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
