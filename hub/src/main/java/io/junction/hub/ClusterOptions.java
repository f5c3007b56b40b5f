package io.junction.hub;

import io.junction.bridge.Problems;
import com.hazelcast.config.FileSystemXmlConfig;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cluster (config section {@code cluster}): whether to join one, the Hazelcast file (empty: the
 * {@code cluster.xml} in the jar), an optional cluster-name override, and the host and port of the event bus's own
 * connections between nodes.
 */
final class ClusterOptions {

  boolean enabled = true;
  String config = "";
  String name = "";
  String host = "127.0.0.1";
  int port;

  ClusterOptions(JsonObject json, Problems problems) {
    enabled = json.getBoolean("enabled", enabled);
    config = json.getString("config", config);
    name = json.getString("name", name);
    host = json.getString("host", host);
    port = json.getInteger("port", port);
    if (enabled && !config.isEmpty()) {
      if (!Files.isRegularFile(Path.of(config))) {
        problems.add("cluster.config: no such file: " + config);
      } else {
        try {
          new FileSystemXmlConfig(config);
        } catch (Exception e) {
          problems.add("cluster.config: " + config + " is not a valid Hazelcast configuration: " + e.getMessage());
        }
      }
    }
    if (host.isBlank()) {
      problems.add("cluster.host: must be a host name or IP address");
    }
    if (port < 0 || port > 65535) {
      problems.add("cluster.port: must be a port between 0 (any free port) and 65535, got " + port);
    }
  }
}
