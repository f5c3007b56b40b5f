package io.junction.auth;

import java.util.List;

/** One entry of the users file: a name, its password hash, its roles. Immutable. */
public final class UserRecord {

  private final String name;
  private final String hash;
  private final List<String> roles;

  public UserRecord(String name, String hash, List<String> roles) {
    this.name = name;
    this.hash = hash;
    this.roles = List.copyOf(roles);
  }

  public String name() {
    return name;
  }

  public String hash() {
    return hash;
  }

  public List<String> roles() {
    return roles;
  }
}
