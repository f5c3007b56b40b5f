package io.junction.client;

import io.junction.hub.EmbeddedNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real nodes in the test's JVM: standalone, loopback, free ports unless a port is given. */
final class Nodes {

  private Nodes() {
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("junction-client-test");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static EmbeddedNode start(Path dataDir, int tcpPort, String... keyValues) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("cluster.enabled", "false");
    config.put("node.data_dir", dataDir.toString());
    config.put("tcp.host", "127.0.0.1");
    config.put("tcp.port", String.valueOf(tcpPort));
    config.put("http.host", "127.0.0.1");
    config.put("http.port", "0");
    config.put("tcp.instances", "1");
    config.put("http.instances", "1");
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put(keyValues[i], keyValues[i + 1]);
    }
    return EmbeddedNode.start(config);
  }

  static EmbeddedNode start(String... keyValues) {
    return start(tempDir(), 0, keyValues);
  }
}
