package io.junction.scope;

import io.vertx.core.Future;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Who is in which scope, for the whole cluster ({@code HazelcastPresence} in the hub) or one node
 * ({@link LocalPresence}). Member lists never show members of nodes that left the cluster.
 */
public interface PresenceStore {

  /**
   * Adds {@code m} to {@code scope} unless it holds {@code max} members; the future has the members after the
   * join, {@code m} among them. Fails with {@code scope_full}.
   */
  Future<List<Member>> join(String scope, Member m, int max);

  /** Removes {@code m} from {@code scope}; true when it was there. */
  Future<Boolean> leave(String scope, Member m);

  /** The members of {@code scope}, oldest first. */
  Future<List<Member>> members(String scope);

  /**
   * Tells {@code onLeft} of every member removed because its node left the cluster, once, on one node: the hub
   * announces those leaves.
   */
  void onNodeDeath(BiConsumer<String, Member> onLeft);
}
