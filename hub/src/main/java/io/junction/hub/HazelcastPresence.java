package io.junction.hub;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.junction.scope.PresenceStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Presence for the whole cluster, in two Hazelcast multimaps (one backup each, so one node's death loses
 * nothing): members by scope (each entry the node id, a newline, the member's JSON), and the same entries by node. Reads leave out members of nodes that are no longer
 * in the cluster, so no list shows a ghost; when a node leaves, the oldest remaining member removes its entries
 * and reports each one, so the leave is announced exactly once. Hazelcast calls block: they run on workers.
 */
final class HazelcastPresence implements PresenceStore {

  static final String BY_SCOPE = "hub.scope.members";
  static final String BY_NODE = "hub.scope.nodes";
  private static final String VERTX_NODE_ID = "__vertx.nodeId";
  private static final Logger log = LoggerFactory.getLogger(HazelcastPresence.class);

  private final Vertx vertx;
  private final HazelcastInstance hz;
  private final String nodeId;
  private final MultiMap<String, String> byScope;
  private final MultiMap<String, String> byNode;
  private volatile BiConsumer<String, io.junction.scope.Member> onLeft = (s, m) -> { };

  /** @param nodeId this node's id in the cluster: members joining here are kept under it */
  HazelcastPresence(Vertx vertx, HazelcastInstance hz, String nodeId) {
    this.vertx = vertx;
    this.hz = hz;
    this.nodeId = nodeId;
    this.byScope = hz.getMultiMap(BY_SCOPE);
    this.byNode = hz.getMultiMap(BY_NODE);
  }

  @Override
  public Future<List<io.junction.scope.Member>> join(String scope, io.junction.scope.Member m, int max) {
    return vertx.executeBlocking(() -> {
      // the lease frees the lock if this node dies holding it
      byScope.lock(scope, 10, TimeUnit.SECONDS);
      try {
        List<io.junction.scope.Member> members = live(byScope.get(scope));
        if (members.size() >= max) {
          throw new BridgeException(ErrorCode.SCOPE_FULL, "scope " + scope + " holds " + max + " members");
        }
        byNode.put(nodeId, scope + '\n' + m.text());
        byScope.put(scope, nodeId + '\n' + m.text());
        members.add(m);
        return members;
      } finally {
        byScope.unlock(scope);
      }
    }, false);
  }

  @Override
  public Future<Boolean> leave(String scope, io.junction.scope.Member m) {
    return vertx.executeBlocking(() -> {
      boolean was = byScope.remove(scope, nodeId + '\n' + m.text());
      byNode.remove(nodeId, scope + '\n' + m.text());
      return was;
    }, false);
  }

  @Override
  public Future<List<io.junction.scope.Member>> members(String scope) {
    return vertx.executeBlocking(() -> live(byScope.get(scope)), false);
  }

  @Override
  public void onNodeDeath(BiConsumer<String, io.junction.scope.Member> onLeft) {
    this.onLeft = onLeft;
  }

  /** Called when a member left the cluster: the oldest remaining member removes what dead nodes left behind. */
  void memberRemoved() {
    vertx.executeBlocking(() -> {
      sweep();
      return null;
    }, false).onFailure(e -> log.warn("could not remove the scope members of a node that left: {}", e.toString()));
  }

  private void sweep() {
    Set<Member> members = hz.getCluster().getMembers();
    if (members.isEmpty() || !members.iterator().next().localMember()) {
      return;
    }
    Set<String> live = liveNodes();
    for (String node : new ArrayList<>(byNode.keySet())) {
      if (live.contains(node)) {
        continue;
      }
      for (String entry : byNode.remove(node)) {
        int cut = entry.indexOf('\n');
        String scope = entry.substring(0, cut);
        String text = entry.substring(cut + 1);
        if (byScope.remove(scope, node + '\n' + text)) {
          onLeft.accept(scope, io.junction.scope.Member.parse(text));
        }
      }
    }
  }

  private Set<String> liveNodes() {
    Set<String> live = new HashSet<>();
    for (Member m : hz.getCluster().getMembers()) {
      live.add(m.getAttribute(VERTX_NODE_ID));
    }
    return live;
  }

  private List<io.junction.scope.Member> live(Collection<String> texts) {
    Set<String> live = liveNodes();
    List<io.junction.scope.Member> out = new ArrayList<>();
    for (String entry : texts) {
      int cut = entry.indexOf('\n');
      if (live.contains(entry.substring(0, cut))) {
        out.add(io.junction.scope.Member.parse(entry.substring(cut + 1)));
      }
    }
    return out;
  }
}
