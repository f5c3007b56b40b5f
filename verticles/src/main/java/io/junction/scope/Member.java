package io.junction.scope;

import io.vertx.core.json.JsonObject;

/**
 * One connection's membership of a scope: {@code {"client","user","node","transport","since","meta"}}. Its JSON text
 * is its identity in the presence store (written once, compared whole). Immutable.
 */
public final class Member {

  private final JsonObject json;
  private final String text;

  public Member(String client, String user, String node, String transport, long since, JsonObject meta) {
    this.json = new JsonObject().put("client", client).put("user", user).put("node", node).put("transport", transport)
      .put("since", since).put("meta", meta);
    this.text = json.encode();
  }

  private Member(String text) {
    this.json = new JsonObject(text);
    this.text = text;
  }

  /** A member from its stored text. */
  public static Member parse(String text) {
    return new Member(text);
  }

  public String client() {
    return json.getString("client");
  }

  /** The stored form. */
  public String text() {
    return text;
  }

  public JsonObject toJson() {
    return json.copy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Member && ((Member) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
