package io.junction.client;

import java.util.Collections;
import java.util.List;

/** Who the client is logged in as: the hub's answer to its last login. Immutable. */
public final class Identity {

  private final String user;
  private final List<String> roles;
  private final String token;
  private final long expiresAt;

  Identity(String user, List<String> roles, String token, long expiresAt) {
    this.user = user;
    this.roles = Collections.unmodifiableList(roles);
    this.token = token;
    this.expiresAt = expiresAt;
  }

  public String user() {
    return user;
  }

  public List<String> roles() {
    return roles;
  }

  /** The token the hub issued (it logs in on any node of the cluster until it expires), or {@code null}. */
  public String token() {
    return token;
  }

  /** When the token expires, in seconds since the epoch; 0 without a token. */
  public long expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return user + (roles.isEmpty() ? "" : " " + roles);
  }
}
