package io.junction.hub;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.junction.bridge.LocalNode;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A clustered node: its members are the Hazelcast members (read locally, no cluster call), each named by the
 * {@code junction.name} member attribute. Logs every member that joins or leaves.
 */
final class HazelcastNode extends LocalNode implements MembershipListener {

  static final String NAME_ATTRIBUTE = "junction.name";
  private static final String VERTX_NODE_ID = "__vertx.nodeId";
  private static final Logger log = LoggerFactory.getLogger(HazelcastNode.class);

  private final HazelcastInstance hz;
  private final java.util.List<Runnable> onMemberRemoved = new java.util.concurrent.CopyOnWriteArrayList<>();

  HazelcastNode(HazelcastClusterManager manager, String name) {
    super(manager.getNodeId(), name);
    this.hz = manager.getHazelcastInstance();
    hz.getCluster().addMembershipListener(this);
  }

  @Override
  public String clusterName() {
    return hz.getConfig().getClusterName();
  }

  @Override
  public List<JsonObject> members() {
    List<JsonObject> members = new ArrayList<>();
    try {
      for (Member m : hz.getCluster().getMembers()) {
        members.add(describe(m));
      }
    } catch (RuntimeException notRunning) {
      // Hazelcast has shut down (the node is stopping): this node is all it still knows of
      return super.members();
    }
    return members;
  }

  private static JsonObject describe(Member m) {
    return new JsonObject()
      .put("node", m.getAttribute(VERTX_NODE_ID))
      .put("name", m.getAttribute(NAME_ATTRIBUTE))
      .put("address", m.getAddress().getHost() + ":" + m.getAddress().getPort());
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    log.info("node {} joined the cluster; {} members", label(event.getMember()), event.getMembers().size());
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    log.info("node {} left the cluster; {} members", label(event.getMember()), event.getMembers().size());
    onMemberRemoved.forEach(Runnable::run);
  }

  HazelcastInstance hazelcast() {
    return hz;
  }

  /** Runs {@code action} (on a Hazelcast event thread) each time a member leaves the cluster. */
  void onMemberRemoved(Runnable action) {
    onMemberRemoved.add(action);
  }

  private static String label(Member m) {
    String name = m.getAttribute(NAME_ATTRIBUTE);
    return (name == null ? "?" : name) + " (" + m.getAddress().getHost() + ":" + m.getAddress().getPort() + ")";
  }
}
