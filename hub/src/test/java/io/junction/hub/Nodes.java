package io.junction.hub;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Nodes for tests, in this JVM: ports 0, loopback only, and a cluster name unique to this test run, so a test
 * never joins a node running beside it (or another test run).
 */
final class Nodes {

  /** The Hazelcast cluster name of every clustered node this test JVM starts. */
  static final String CLUSTER = "junction-test-" + UUID.randomUUID();

  private Nodes() {
  }

  /** Key path to value text, as flags would give them: ports 0, loopback, this run's cluster. */
  static Map<String, String> testOverrides(Path dataDir, String name, boolean clustered) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("node.name", name);
    o.put("node.data_dir", dataDir.toString());
    o.put("tcp.port", "0");
    o.put("tcp.host", "127.0.0.1");
    o.put("http.port", "0");
    o.put("http.host", "127.0.0.1");
    o.put("cluster.enabled", String.valueOf(clustered));
    o.put("cluster.name", CLUSTER);
    return o;
  }

  static HubConfig config(Map<String, String> overrides) {
    ConfigLoader loader = new ConfigLoader();
    HubConfig config = new HubConfig(loader.load(null, Map.of(), new Properties(), overrides), loader.problems);
    loader.problems.throwIfAny();
    return config;
  }

  static JunctionNode start(Path dataDir, String name, boolean clustered) {
    return start(testOverrides(dataDir, name, clustered));
  }

  static JunctionNode start(Map<String, String> overrides) {
    try {
      return JunctionNode.start(config(overrides)).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("node did not start", e);
    }
  }
}
