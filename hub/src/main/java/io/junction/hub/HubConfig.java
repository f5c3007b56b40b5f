package io.junction.hub;

import io.junction.bridge.AccessPolicy;
import io.junction.bridge.Limits;
import io.junction.bridge.Problems;
import io.junction.http.HttpOptions;
import io.junction.tcp.TcpOptions;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;

/**
 * The node's whole configuration, typed and checked. Built from the merged JSON of {@link ConfigLoader}; every
 * problem found is added to the given {@link Problems}, one line each, and nothing starts while there is one.
 */
final class HubConfig {

  final JsonObject json;
  final String nodeName;
  final String dataDir;
  final int eventLoops;
  final ClusterOptions cluster;
  final TcpOptions tcp;
  final HttpOptions http;
  final Limits limits;
  final AccessPolicy access;

  HubConfig(JsonObject json, Problems problems) {
    this.json = json;
    JsonObject node = json.getJsonObject("node");
    String name = node.getString("name");
    nodeName = name.isBlank() ? defaultName() : name;
    dataDir = node.getString("data_dir");
    int loops = node.getInteger("event_loops");
    if (loops < 0 || loops > 1024) {
      problems.add("node.event_loops: must be between 0 (one per CPU core) and 1024, got " + loops);
    }
    eventLoops = loops > 0 ? loops : Runtime.getRuntime().availableProcessors();
    if (dataDir.isBlank()) {
      problems.add("node.data_dir: must be a directory path");
    }
    cluster = new ClusterOptions(json.getJsonObject("cluster"), problems);
    tcp = new TcpOptions(json.getJsonObject("tcp"), problems);
    http = new HttpOptions(json.getJsonObject("http"), problems);
    limits = new Limits(json.getJsonObject("limits"), problems);
    access = AccessPolicy.fromJson(json.getJsonObject("access"), problems);
    checkPorts(problems);
    if (!tcp.enabled() && !http.enabled()) {
      problems.add("tcp.enabled and http.enabled are both false: the node would have no endpoint");
    }
  }

  private void checkPorts(Problems problems) {
    int tcpPort = tcp.enabled() ? tcp.port() : 0;
    int httpPort = http.enabled() ? http.port() : 0;
    int busPort = cluster.enabled ? cluster.port : 0;
    if (tcpPort != 0 && tcpPort == httpPort) {
      problems.add("tcp.port and http.port are both " + tcpPort + ": two endpoints cannot share a port");
    }
    if (busPort != 0 && (busPort == tcpPort || busPort == httpPort)) {
      problems.add("cluster.port " + busPort + " is also an endpoint's port: two endpoints cannot share a port");
    }
  }

  private static String defaultName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "node";
    }
    String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
    return host + "-" + pid;
  }

  /** The configuration with every option as the node will use it. */
  JsonObject effective() {
    JsonObject out = json.copy();
    out.getJsonObject("node").put("name", nodeName);
    out.put("tcp", tcp.toJson()).put("http", http.toJson()).put("limits", limits.toJson()).put("access", access.toJson());
    return out;
  }
}
