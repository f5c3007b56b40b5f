package io.junction.hub;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
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
