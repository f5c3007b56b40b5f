package io.junction.http;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.NodeInfo;
import io.junction.bridge.NodeState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.lang.management.ManagementFactory;

/**
 * {@code GET /health}: 200 {@code {"status":"UP", "node", "name", "cluster", "members", ...}} when the node is
 * ready, 503 with the same body while it starts or stops.
 */
final class HealthHandler {

  private final BridgeCore core;

  HealthHandler(BridgeCore core) {
    this.core = core;
  }

  void handle(RoutingContext rc) {
    NodeInfo node = core.node();
    NodeState state = node.state();
    JsonObject ports = new JsonObject();
    for (String endpoint : new String[] {"tcp", "http", "classic"}) {
      if (core.port(endpoint) >= 0) {
        ports.put(endpoint, core.port(endpoint));
      }
    }
    JsonObject body = new JsonObject()
      .put("status", state.name())
      .put("node", node.id())
      .put("name", node.name())
      .put("cluster", node.clusterName())
      .put("members", new JsonArray(node.members()))
      .put("ports", ports)
      .put("connections", core.connections())
      .put("subscribedAddresses", core.fanout().addresses())
      .put("stats", core.stats().toJson())
      .put("jobs", core.jobs() == null ? null : new JsonObject().put("busy", core.jobs().busy()).put("commands", new JsonArray(new java.util.ArrayList<>(core.jobs().commands()))))
      .put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
    rc.response()
      .setStatusCode(state == NodeState.UP ? 200 : 503)
      .putHeader("Content-Type", "application/json")
      .putHeader("Cache-Control", "no-store")
      .end(body.encode());
  }
}
