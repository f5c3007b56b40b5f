package io.junction.bridge;

import io.junction.scope.Member;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scopes one session joined (or is joining): never the same scope twice, and all left when the session
 * closes. Runs on the session's event loop.
 */
final class Memberships {

  private final BridgeCore core;
  private final Map<String, Member> scopes = new HashMap<>();
  private boolean closed;

  Memberships(BridgeCore core) {
    this.core = core;
  }

  /** A join starts. @throws BridgeException {@code already_joined}, {@code too_many_scopes} */
  void joining(String scope, Member m) {
    if (scopes.containsKey(scope)) {
      throw new BridgeException(ErrorCode.ALREADY_JOINED, "already joined scope " + scope);
    }
    int max = core.limits().maxScopesPerConnection();
    if (scopes.size() >= max) {
      throw new BridgeException(ErrorCode.TOO_MANY_SCOPES, "this connection is in " + max + " scopes (limits.max_scopes_per_connection)");
    }
    scopes.put(scope, m);
  }

  /** The join went through; false when the session closed meanwhile (then the caller leaves again). */
  boolean joined(String scope, Member m) {
    return !closed && scopes.get(scope) == m;
  }

  void failed(String scope) {
    scopes.remove(scope);
  }

  /** The member to remove. @throws BridgeException {@code not_joined} */
  Member leaving(String scope) {
    Member m = scopes.remove(scope);
    if (m == null) {
      throw new BridgeException(ErrorCode.NOT_JOINED, "not a member of scope " + scope);
    }
    return m;
  }

  /** The session closed: leaves every scope (the others are told). */
  void leaveAll() {
    closed = true;
    List<Map.Entry<String, Member>> all = new ArrayList<>(scopes.entrySet());
    scopes.clear();
    for (Map.Entry<String, Member> e : all) {
      core.leaveOnClose(e.getKey(), e.getValue());
    }
  }
}
