package io.junction.hub;

import io.junction.bridge.OtherNodes;
import io.junction.bridge.Routes;
import io.vertx.core.eventbus.impl.clustered.DefaultNodeSelector;
import io.vertx.core.spi.cluster.ClusteredNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Vert.x's node selector, also asked which other nodes have subscribers of an address: a client's message reached
 * this node's subscribers without the bus ({@code Fanout}), so it goes only to those nodes, batched through the
 * {@link Routes}. Without this, every publish in a cluster also came back to this node's own consumer (a dispatch
 * and a thread hop per message just to be dropped), and each was one bus message with its own flush. Plugs into
 * Vert.x's internal {@code NodeSelector} (set with {@code VertxBootstrapImpl.clusterNodeSelector}); the selection
 * itself stays Vert.x's. Thread-safe.
 */
final class OtherNodesSelector extends DefaultNodeSelector {

  private volatile String self;

  @Override
  public void init(ClusteredNode node) {
    super.init(node);
    this.node = node;
  }

  private ClusteredNode node;

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

  /**
   * Sends each publish through {@code routes} to the other nodes that have subscribers of the address, if any
   * (Vert.x's selection, with this node left out).
   */
  OtherNodes route(Routes routes) {
    return (address, body, headers, options) -> super.selectForPublish(address, (nodes, err) -> {
      if (err == null) {
        List<String> others = others(nodes);
        if (!others.isEmpty()) {
          routes.send(others, address, headers, body);
        }
      }
    });
  }
}
