package io.junction.bridge;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** What the node knows of itself and of its cluster, for health checks and logs. Thread-safe. */
public interface NodeInfo {

  /** The cluster-wide node id (the Vert.x node id when clustered). */
  String id();

  /** The node's configured or generated name. */
  String name();

  NodeState state();

  /** The cluster's name, or {@code null} when the node runs standalone. */
  String clusterName();

  /** Every member of the cluster this node sees, itself included, as {@code {"node": id, "name": name}}. */
  List<JsonObject> members();
}
