package io.junction.hub;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxBootstrapImpl;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.transport.Transport;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.FileNotFoundException;

/** Builds the Hazelcast cluster manager from {@code cluster.xml} (or the configured file) and the node's options. */
final class ClusterSetup {

  private ClusterSetup() {
  }

  static HazelcastClusterManager manager(HubConfig config) {
    Config hz = load(config.cluster.config);
    if (!config.cluster.name.isBlank()) {
      hz.setClusterName(config.cluster.name);
    }
    hz.getMemberAttributeConfig().setAttribute(HazelcastNode.NAME_ATTRIBUTE, config.nodeName);
    // Vert.x leaves the cluster in its own order on close; Hazelcast's hook would race it
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    return new HazelcastClusterManager(hz);
  }

  /**
   * A clustered Vert.x, as {@code Vertx.builder().withClusterManager(manager).buildClustered()} builds it, with
   * {@code selector} as its node selector (Vert.x's internal bootstrap is the only way to set one).
   */
  static Future<Vertx> clusteredVertx(VertxOptions options, HazelcastClusterManager manager, OtherNodesSelector selector) {
    VertxBootstrapImpl bootstrap = (VertxBootstrapImpl) VertxBootstrap.create().options(options);
    bootstrap.transport(Transport.NIO.implementation());
    bootstrap.clusterNodeSelector(selector);
    return bootstrap.clusterManager(manager).init().clusteredVertx();
  }

  private static Config load(String file) {
    if (file == null || file.isBlank()) {
      return new ClasspathXmlConfig("cluster.xml");
    }
    try {
      return new FileSystemXmlConfig(file);
    } catch (FileNotFoundException e) {
      throw new IllegalStateException("cluster configuration " + file + " not found", e);
    }
  }
}
