package io.junction.hub;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped Hazelcast files parse with Hazelcast's own parser and say what the docs say they say. */
class ClusterConfigTest {

  @Test
  void theDefaultClusterJoinsOnLoopbackWithoutMulticast() throws Exception {
    Config c = new FileSystemXmlConfig("../cluster.xml");
    JoinConfig join = c.getNetworkConfig().getJoin();
    assertEquals("junction", c.getClusterName());
    assertFalse(join.getMulticastConfig().isEnabled());
    assertEquals(List.of("127.0.0.1"), join.getTcpIpConfig().getMembers());
    assertEquals(5701, c.getNetworkConfig().getPort());
    assertTrue(c.getNetworkConfig().isPortAutoIncrement());
  }

  @Test
  void theMultiHostExampleListsItsMachines() throws Exception {
    JoinConfig join = new FileSystemXmlConfig("../conf/cluster-multihost.xml").getNetworkConfig().getJoin();
    assertEquals(List.of("10.0.0.11", "10.0.0.12", "10.0.0.13"), join.getTcpIpConfig().getMembers());
  }

  @Test
  void theKubernetesExampleUsesServiceDns() throws Exception {
    JoinConfig join = new FileSystemXmlConfig("../conf/cluster-kubernetes.xml").getNetworkConfig().getJoin();
    assertTrue(join.getKubernetesConfig().isEnabled());
    assertFalse(join.getTcpIpConfig().isEnabled());
    assertEquals(Map.of("service-dns", "junction-hazelcast.my-namespace.svc.cluster.local"), join.getKubernetesConfig().getProperties());
  }

  @Test
  void theClusterNameOverrideAndTheNodeNameReachHazelcast() {
    HubConfig config = Nodes.config(Map.of("cluster.name", "other", "node.name", "alpha"));
    Config hz = ClusterSetup.manager(config).getConfig();
    assertEquals("other", hz.getClusterName());
    assertEquals("alpha", hz.getMemberAttributeConfig().getAttribute(HazelcastNode.NAME_ATTRIBUTE));
  }
}
