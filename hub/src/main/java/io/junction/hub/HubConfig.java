package io.junction.hub;

import io.junction.auth.AuthOptions;
import io.junction.bridge.AccessPolicy;
import io.junction.bridge.Limits;
import io.junction.bridge.Problems;
import io.junction.http.HttpOptions;
import io.junction.classic.ClassicOptions;
import io.junction.job.JobSettings;
import io.junction.scope.ScopeRules;
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
  final AuthOptions auth;
  final ScopeRules scopes;
  final JobSettings jobs;
  final ClassicOptions classic;

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
    auth = new AuthOptions(json.getJsonObject("auth"), problems);
    scopes = ScopeRules.fromJson(json.getJsonObject("scopes"), problems);
    jobs = JobSettings.fromJson(json.getJsonObject("jobs"), problems);
    classic = new ClassicOptions(json.getJsonObject("classic"), problems);
    checkPorts(problems);
    if (!tcp.listens() && !http.listens()) {
      problems.add("tcp.enabled, tcp.tls.enabled, http.enabled and http.tls.enabled are all false: the node would have no endpoint");
    }
  }

  private void checkPorts(Problems problems) {
    java.util.Map<Integer, String> used = new java.util.LinkedHashMap<>();
    claim(used, problems, "tcp.port", tcp.enabled() ? tcp.port() : 0);
    claim(used, problems, "tcp.tls.port", tcp.tls().enabled() ? tcp.tls().port() : 0);
    claim(used, problems, "http.port", http.enabled() ? http.port() : 0);
    claim(used, problems, "http.tls.port", http.tls().enabled() ? http.tls().port() : 0);
    claim(used, problems, "cluster.port", cluster.enabled ? cluster.port : 0);
    claim(used, problems, "classic.port", classic.enabled() ? classic.port() : 0);
  }

  private static void claim(java.util.Map<Integer, String> used, Problems problems, String key, int port) {
    if (port == 0) {
      return;
    }
    String other = used.putIfAbsent(port, key);
    if (other != null) {
      problems.add(other + " and " + key + " are both " + port + ": two endpoints cannot share a port");
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
    out.put("tcp", tcp.toJson()).put("http", http.toJson()).put("limits", limits.toJson()).put("access", access.toJson())
      .put("scopes", scopes.toJson()).put("jobs", jobs.toJson()).put("classic", classic.toJson());
    return out;
  }
}
