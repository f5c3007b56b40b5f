package io.junction.hub;

import io.junction.testing.Http;
import io.junction.testing.TcpClient;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two clustered nodes in this JVM (their own Hazelcast members, one test-run cluster name). */
@Timeout(120)
class TwoNodeClusterIT {

  @TempDir
  static Path dir;
  static JunctionNode a;
  static JunctionNode b;

  @BeforeAll
  static void start() {
    a = Nodes.start(dir.resolve("a"), "a", true);
    b = Nodes.start(dir.resolve("b"), "b", true);
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.stop();
    }
    if (a != null) {
      a.stop();
    }
  }

  @Test
  void healthListsBothMembers() {
    JsonObject health = new JsonObject(new Http(a.httpPort()).get("/health").body());
    assertEquals("UP", health.getString("status"));
    assertEquals(2, health.getJsonArray("members").size());
    assertEquals(Nodes.CLUSTER, health.getString("cluster"));
  }

  @Test
  void aTcpPublishOnOneNodeReachesWebSocketTcpAndSseSubscribersOnTheOther() {
    try (WsClient ws = WsClient.connect(b.httpPort()); TcpClient tcpB = TcpClient.connect(b.tcpPort());
         Http.Sse sse = new Http(b.httpPort()).subscribe("scope.lobby.cluster");
         TcpClient pub = TcpClient.connect(a.tcpPort())) {
      ws.register("scope.lobby.cluster").sync();
      tcpB.register("scope.lobby.cluster").sync();
      sse.nextLine(": subscribed");
      JsonObject body = Eventually.publishUntilSeen(pub, "scope.lobby.cluster", () -> tcpB.next(200));
      assertEquals(body, ws.next().getJsonObject("body"));
      assertEquals(body, sse.nextEvent().getJsonObject("body"));
    }
  }

  @Test
  void aPublishReachesSubscribersOnItsOwnNodeAndTheOtherOnceEachAndInOrder() {
    try (TcpClient localSub = TcpClient.connect(a.tcpPort()); TcpClient remoteSub = TcpClient.connect(b.tcpPort());
         TcpClient pub = TcpClient.connect(a.tcpPort()); TcpClient onlyHere = TcpClient.connect(a.tcpPort())) {
      localSub.register("scope.lobby.both").sync();
      remoteSub.register("scope.lobby.both").sync();
      onlyHere.register("scope.lobby.here-only").sync();
      Eventually.publishUntilSeen(pub, "scope.lobby.both", () -> remoteSub.next(200));
      for (int i = 0; i < 200; i++) {
        pub.publish("scope.lobby.both", i);
        pub.publish("scope.lobby.here-only", i);
      }
      JsonObject first = localSub.next();
      while (first.getValue("body") instanceof JsonObject) {
        first = localSub.next(); // the probes of publishUntilSeen, all of which reached this node
      }
      assertEquals(0, first.getInteger("body"));
      for (int i = 0; i < 200; i++) {
        if (i > 0) {
          assertEquals(i, localSub.next().getInteger("body"));
        }
        assertEquals(i, remoteSub.next().getInteger("body"));
        assertEquals(i, onlyHere.next().getInteger("body"));
      }
      localSub.expectNothing(300);
      remoteSub.expectNothing(0);
      onlyHere.expectNothing(0);
      assertEquals(0, a.core.stats().toJson().getLong("ownCopiesDropped"),
        "the bus took the messages to the other node only, not back to this one");
    }
  }

  @Test
  void aClientOnOneNodeAnswersRequestsFromTheOther() {
    try (TcpClient service = TcpClient.connect(b.tcpPort()); TcpClient caller = TcpClient.connect(a.tcpPort())) {
      service.register("scope.lobby.remote-service").sync();
      JsonObject reply = Eventually.request(caller, "scope.lobby.remote-service", service);
      assertEquals(new JsonObject().put("answer", 42), reply.getJsonObject("body"));
    }
  }

  @Test
  void anHttpRequestOnOneNodeIsAnsweredByEchoAndSubscribersOnTheOtherGetHttpPublishes() {
    Http httpA = new Http(a.httpPort());
    assertEquals("{\"x\":1}", httpA.post("/api/send/hub.echo", "{\"x\":1}").body());
    try (TcpClient sub = TcpClient.connect(b.tcpPort())) {
      sub.register("scope.lobby.http-cluster").sync();
      JsonObject got = Eventually.until(() -> {
        httpA.post("/api/publish/scope.lobby.http-cluster", "{\"via\":\"http\"}");
        return sub.next(200);
      });
      assertEquals(new JsonObject().put("via", "http"), got.getJsonObject("body"));
    }
  }
}
