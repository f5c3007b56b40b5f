package io.junction.bridge;

import io.vertx.core.eventbus.DeliveryOptions;

/**
 * How a client's publish reaches the subscribers on the other nodes of a cluster; this node's own subscribers got it
 * from {@link Fanout} already. The node sets one that sends it through the {@link Routes} to the nodes with
 * subscribers of the address only (see the hub's {@code OtherNodesSelector}); without one, the message is
 * published on the bus, and this node's consumer drops its own copy ({@link BridgeCore#ORIGIN_HEADER}).
 * Thread-safe.
 */
@FunctionalInterface
public interface OtherNodes {

  /**
   * Publishes to the other nodes: {@code headers} as the JSON the subscribers get, or {@code options} for the bus
   * (the same headers, {@link BridgeCore#ORIGIN_HEADER} included).
   */
  void publish(String address, Payload body, byte[] headers, DeliveryOptions options);
}
