package io.junction.scope;

import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Presence for a standalone node: in memory. Thread-safe. */
public final class LocalPresence implements PresenceStore {

  private final Map<String, Set<Member>> scopes = new HashMap<>();

  @Override
  public synchronized Future<List<Member>> join(String scope, Member m, int max) {
    Set<Member> members = scopes.computeIfAbsent(scope, s -> new LinkedHashSet<>());
    if (members.size() >= max) {
      return Future.failedFuture(new BridgeException(ErrorCode.SCOPE_FULL, "scope " + scope + " holds " + max + " members"));
    }
    members.add(m);
    return Future.succeededFuture(new ArrayList<>(members));
  }

  @Override
  public synchronized Future<Boolean> leave(String scope, Member m) {
    Set<Member> members = scopes.get(scope);
    boolean removed = members != null && members.remove(m);
    if (members != null && members.isEmpty()) {
      scopes.remove(scope);
    }
    return Future.succeededFuture(removed);
  }

  @Override
  public synchronized Future<List<Member>> members(String scope) {
    Set<Member> members = scopes.get(scope);
    return Future.succeededFuture(members == null ? List.of() : new ArrayList<>(members));
  }

  @Override
  public void onNodeDeath(BiConsumer<String, Member> onLeft) {
    // one node: it never outlives itself
  }
}
