package io.junction.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Who a connection (or an HTTP request) is: a user with roles, from a password or a token. Immutable. */
public final class Principal {

  private final String user;
  private final List<String> roles;
  private final String token;
  private final long expiresAt;

  public Principal(String user, List<String> roles, String token, long expiresAt) {
    this.user = user;
    this.roles = List.copyOf(roles);
    this.token = token;
    this.expiresAt = expiresAt;
  }

  public String user() {
    return user;
  }

  public List<String> roles() {
    return roles;
  }

  /** The token that proves it, or {@code null} when the node cannot sign tokens. */
  public String token() {
    return token;
  }

  /** When the token expires, in seconds since the epoch (0 without a token). */
  public long expiresAt() {
    return expiresAt;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** The reply to a login: {@code {"user","roles","token","expiresAt"}}. */
  public JsonObject toJson() {
    return new JsonObject().put("user", user).put("roles", new JsonArray(roles)).put("token", token)
      .put("expiresAt", expiresAt == 0 ? null : expiresAt);
  }
}
