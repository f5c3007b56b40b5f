package io.junction.bridge;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.UUID;

/** A node without a cluster: it is its own only member. Used by {@code --standalone} and by tests. */
public class LocalNode implements NodeInfo {

  private final String id;
  private final String name;
  private volatile NodeState state = NodeState.STARTING;

  public LocalNode(String name) {
    this(UUID.randomUUID().toString(), name);
  }

  public LocalNode(String id, String name) {
    this.id = id;
    this.name = name;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public NodeState state() {
    return state;
  }

  public void setState(NodeState state) {
    this.state = state;
  }

  @Override
  public String clusterName() {
    return null;
  }

  @Override
  public List<JsonObject> members() {
    return List.of(new JsonObject().put("node", id).put("name", name));
  }
}
