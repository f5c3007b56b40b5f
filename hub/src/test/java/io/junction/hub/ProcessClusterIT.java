package io.junction.hub;

import io.junction.testing.Await;
import io.junction.testing.Http;
import io.junction.testing.TcpClient;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nodes as users run them: separate processes started from the built jar. */
@Timeout(180)
class ProcessClusterIT {

  @TempDir
  Path dir;

  @Test
  void twoProcessesFormAClusterAndSurviveTheDeathOfOne() throws Exception {
    try (NodeProcess a = NodeProcess.start("a", dir.resolve("a")); NodeProcess b = NodeProcess.start("b", dir.resolve("b"))) {
      assertTrue(b.output().contains("with 2 members [a, b]"), b.output());
      Http healthA = new Http(a.httpPort);
      assertEquals(2, members(healthA));
      try (WsClient ws = WsClient.connect(b.httpPort); TcpClient pub = TcpClient.connect(a.tcpPort);
           TcpClient subA = TcpClient.connect(a.tcpPort)) {
        ws.register("scope.lobby.processes").sync();
        subA.register("scope.lobby.processes").sync();
        JsonObject body = Eventually.until(() -> {
          pub.publish("scope.lobby.processes", new JsonObject().put("from", "a"));
          return ws.next();
        }).getJsonObject("body");
        assertEquals(new JsonObject().put("from", "a"), body);

        b.kill();

        subA.next();
        pub.publish("scope.lobby.processes", "after b died");
        assertEquals("after b died", lastBody(subA, "after b died"));
        pub.request("hub.echo", "still", "r1");
        assertEquals("still", pub.next().getString("body"));
        Await.require(() -> members(healthA) == 1, 30_000, "node a sees that b died");
        JsonObject health = new JsonObject(healthA.get("/health").body());
        assertEquals("UP", health.getString("status"));
        assertEquals(1, health.getJsonArray("members").size());
        assertFalse(pub.isClosed());
      }
    }
  }

  private static int members(Http http) {
    return new JsonObject(http.get("/health").body()).getJsonArray("members").size();
  }

  /** Skips frames from publishes made before {@code wanted} (the retry loop may have sent several). */
  private static String lastBody(TcpClient c, String wanted) {
    while (true) {
      JsonObject f = c.next();
      if (wanted.equals(f.getValue("body"))) {
        return wanted;
      }
    }
  }

  @Test
  void sigtermTellsClientsAndExits0() throws Exception {
    try (NodeProcess node = NodeProcess.start("solo", dir.resolve("solo"), "--standalone");
         TcpClient client = TcpClient.connect(node.tcpPort)) {
      client.sync();
      // SIGTERM; Process.destroy() would also close our end of the node's output pipe
      node.process.toHandle().destroy();
      JsonObject err = client.next();
      assertEquals("shutting_down", err.getString("error"));
      assertTrue(client.awaitClosed(10_000));
      assertEquals(0, node.awaitExit(30));
      node.awaitLine("node solo stopped", 10);
    }
  }

  @Test
  void badConfigurationExits2WithOneLinePerProblemAndStartsNothing() throws Exception {
    Path conf = dir.resolve("bad.json");
    Files.writeString(conf, "{\"tcp\":{\"prot\":7000},\"limits\":{\"slow_consumer\":\"sometimes\"}}");
    try (NodeProcess node = NodeProcess.launch(List.of(), "--conf", conf.toString(), "--http-port", "x",
      "--data-dir", dir.resolve("never").toString())) {
      assertEquals(2, node.awaitExit(30));
      String out = node.output();
      assertEquals(3, out.lines().filter(l -> l.startsWith("junction: config: ")).count(), out);
      assertFalse(Files.exists(dir.resolve("never")), "nothing may start with a bad configuration");
    }
  }

  @Test
  void aNodeThatCannotStartExits1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
         NodeProcess node = NodeProcess.launch(List.of("-Djunction.http.host=127.0.0.1"), "--standalone",
           "--tcp-port", "0", "--http-port", String.valueOf(taken.getLocalPort()), "--data-dir", dir.resolve("x").toString())) {
      assertEquals(1, node.awaitExit(60));
      assertTrue(node.output().contains("the HTTP endpoint cannot listen on 127.0.0.1:" + taken.getLocalPort()), node.output());
    }
  }

  @Test
  void twoNodesCannotShareADataDirectory() {
    try (NodeProcess first = NodeProcess.start("first", dir.resolve("shared"), "--standalone");
         NodeProcess second = NodeProcess.launch(List.of(), "--standalone", "--tcp-port", "0", "--http-port", "0",
           "--data-dir", dir.resolve("shared").toString())) {
      assertEquals(1, second.awaitExit(60));
      assertTrue(second.output().contains("is used by another node"), second.output());
      assertTrue(first.process.isAlive());
    }
  }
}
