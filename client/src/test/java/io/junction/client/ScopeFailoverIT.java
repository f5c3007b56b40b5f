package io.junction.client;

import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two clustered nodes: a client whose node stops comes back on the other one, joins its scope again and gets
 * what was published while it was away from the cluster's history, which outlived the node.
 */
@Timeout(120)
class ScopeFailoverIT {

  @Test
  void aClientWhoseNodeDiesRecoversFromTheHistoryOfTheCluster() throws Exception {
    String cluster = "junction-client-test-" + UUID.randomUUID();
    EmbeddedNode a = Nodes.start(Nodes.tempDir(), 0, "cluster.enabled", "true", "cluster.name", cluster, "node.name", "a");
    EmbeddedNode b = Nodes.start(Nodes.tempDir(), 0, "cluster.enabled", "true", "cluster.name", cluster, "node.name", "b");
    Recorder r = new Recorder();
    try (CuttableProxy toA = new CuttableProxy(a.tcpPort()); CuttableProxy toB = new CuttableProxy(b.tcpPort());
         JunctionClient client = JunctionClient.connect(r.options(toA.port(), toB.port())
           .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(300)).build());
         JunctionClient publisher = JunctionClient.connect(Options.builder().server("tcp://127.0.0.1:" + b.tcpPort()).build())) {
      client.subscribe("scope.lobby.feed", r).ready().get(10, TimeUnit.SECONDS);
      Scope scope = client.join("lobby").get(10, TimeUnit.SECONDS);
      assertEquals("a", scope.members().get(0).node());
      // the subscription on node a reaches node b asynchronously: publish until one arrives
      List<Integer> got = new ArrayList<>();
      int n = 0;
      while (got.isEmpty()) {
        publisher.publishConfirmed("scope.lobby.feed", ++n).get(10, TimeUnit.SECONDS);
        Message m = r.messages.poll(200, TimeUnit.MILLISECONDS);
        if (m != null) {
          got.add(m.body().asInt());
        }
      }
      int firstSeen = got.get(0);
      while (got.get(got.size() - 1) < n) {
        got.add(r.nextMessage().body().asInt());
      }

      toA.cut();
      toB.cut();
      r.awaitEvent(ConnectionEvent.Type.DISCONNECTED, 20);
      a.close();
      for (int i = 1; i <= 3; i++) {
        publisher.publishConfirmed("scope.lobby.feed", ++n).get(10, TimeUnit.SECONDS);
      }
      toB.heal();

      ConnectionEvent recovered = r.awaitEvent(ConnectionEvent.Type.RECOVERED, 60);
      assertTrue(recovered.reason().startsWith("3 messages"), recovered::reason);
      for (int i = n - 2; i <= n; i++) {
        got.add(r.nextMessage().body().asInt());
      }
      assertEquals("tcp://127.0.0.1:" + toB.port(), client.currentServer().toString());
      assertEquals("b", client.scope("lobby").members().stream().filter(m -> m.client().equals(scope.clientId()))
        .findFirst().orElseThrow(AssertionError::new).node(), "joined again on b");
      List<Integer> expected = new ArrayList<>();
      for (int i = firstSeen; i <= n; i++) {
        expected.add(i);
      }
      assertEquals(expected, got, "every message once, in order, across the failover");
      r.expectNoMessage(300);
    } finally {
      b.close();
      a.close();
    }
  }
}
