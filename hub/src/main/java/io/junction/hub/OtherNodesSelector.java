package io.junction.hub;

import io.junction.bridge.OtherNodes;
import io.junction.bridge.Payload;
import io.vertx.core.Completable;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.impl.clustered.DefaultNodeSelector;
import io.vertx.core.spi.cluster.ClusteredNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Vert.x's node selector, which can also leave this node out of a publish: a client's message reached this node's
 * subscribers without the bus ({@code Fanout}), so it is published only when another node has subscribers of the
 * address, and then to those nodes only. Without this, every publish in a cluster also came back to this node's
 * own consumer, a dispatch and a thread hop per message just to be dropped. Plugs into Vert.x's internal
 * {@code NodeSelector} (set with {@code VertxBootstrapImpl.clusterNodeSelector}); the selection itself stays
 * Vert.x's. Thread-safe.
 */
final class OtherNodesSelector extends DefaultNodeSelector {

  /** Set around the publish of {@link #route}: the selection it asks for leaves this node out. */
  private static final ThreadLocal<Boolean> OTHERS_ONLY = ThreadLocal.withInitial(() -> false);

  private volatile String self;

  @Override
  public void init(ClusteredNode node) {
    super.init(node);
    this.node = node;
  }

  private ClusteredNode node;

  @Override
  public void selectForPublish(String address, Completable<Iterable<String>> promise) {
    if (!OTHERS_ONLY.get()) {
      super.selectForPublish(address, promise);
      return;
    }
    super.selectForPublish(address, (nodes, err) -> promise.complete(err == null ? others(nodes) : null, err));
  }

  private List<String> others(Iterable<String> nodes) {
    String me = self();
    List<String> out = new ArrayList<>(2);
    if (nodes != null) {
      for (String n : nodes) {
        if (!n.equals(me)) {
          out.add(n);
        }
      }
    }
    return out;
  }

  private String self() {
    String s = self;
    if (s == null) {
      s = node.getNodeId();
      self = s;
    }
    return s;
  }

  /** Publishes through {@code bus} to the other nodes that have subscribers of the address, if any. */
  OtherNodes route(EventBus bus) {
    return (address, body, options) -> super.selectForPublish(address, (nodes, err) -> {
      if (err == null && !others(nodes).isEmpty()) {
        publishToOthers(bus, address, body, options);
      }
    });
  }

  private static void publishToOthers(EventBus bus, String address, Payload body, DeliveryOptions options) {
    OTHERS_ONLY.set(true);
    try {
      bus.publish(address, body, options);
    } finally {
      OTHERS_ONLY.set(false);
    }
  }
}
