package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Objects;

/**
 * One member of a scope, as the hub reports it: the connection ({@link #client()}, which is also its direct
 * address {@code client.<id>}), the user it logged in as, the node and transport it came through, when it joined,
 * and the metadata it joined with. A value object.
 */
public final class ScopeMember {

  private final String client;
  private final String user;
  private final String node;
  private final String transport;
  private final long since;
  private final JsonNode meta;

  ScopeMember(String client, String user, String node, String transport, long since, JsonNode meta) {
    this.client = client;
    this.user = user;
    this.node = node;
    this.transport = transport;
    this.since = since;
    this.meta = meta == null ? NullNode.getInstance() : meta;
  }

  /** Reads {@code {"client","user","node","transport","since","meta"}}. */
  static ScopeMember of(JsonNode json) {
    JsonNode user = json.get("user");
    return new ScopeMember(json.path("client").asText(), user == null || user.isNull() ? null : user.asText(),
      json.path("node").asText(null), json.path("transport").asText(null), json.path("since").asLong(), json.get("meta"));
  }

  /** The connection's id: send to {@code client.<id>} to reach only it. */
  public String client() {
    return client;
  }

  /** The user it logged in as, or {@code null} for an anonymous connection. */
  public String user() {
    return user;
  }

  /** The name of the node it is connected to. */
  public String node() {
    return node;
  }

  /** {@code tcp}, {@code websocket}, {@code sockjs}, ... */
  public String transport() {
    return transport;
  }

  /** When it joined, in milliseconds since the epoch (the clock of its node). */
  public long since() {
    return since;
  }

  /** What it joined with ({@code meta}), a {@code NullNode} when nothing. */
  public JsonNode meta() {
    return meta;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScopeMember && ((ScopeMember) o).client.equals(client) && ((ScopeMember) o).since == since;
  }

  @Override
  public int hashCode() {
    return Objects.hash(client, since);
  }

  @Override
  public String toString() {
    return client + (user == null ? "" : " (" + user + ")") + " on " + node + " via " + transport;
  }
}
