package io.junction.bridge;

import io.junction.testing.Await;
import io.junction.testing.Http;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits that stop a hostile or broken client at the door: connections per node, per remote address and per
 * user, frames per second, and failed logins. Each hub here sets only the limit its test is about.
 */
@Timeout(60)
class ConnectionLimitsTest {

  @Test
  void theNodeTakesAtMostMaxConnectionsOnEveryTransport() {
    try (TestHub hub = TestHub.start(l -> l.setMaxConnections(2)); TcpClient a = hub.tcp(); WsClient b = hub.ws()) {
      a.sync();
      b.sync();
      try (TcpClient third = hub.tcp()) {
        JsonObject err = third.nextError("too_many_connections");
        assertTrue(err.getString("detail").contains("limits.max_connections"), err::encode);
        assertTrue(third.awaitClosed(5000), "the refused connection is closed");
      }
      try (WsClient third = hub.ws()) {
        third.nextError("too_many_connections");
        assertEquals(4410, third.awaitCloseCode(5000));
      }
      HttpResponse<String> sse = hub.http().get("/api/subscribe/scope.lobby.x");
      assertEquals(503, sse.statusCode());
      assertEquals("too_many_connections", new JsonObject(sse.body()).getString("error"));
      a.close();
      assertTrue(Await.until(() -> hub.core.connections().getInteger("tcp", 0) == 0, 5000));
      hub.tcp().sync().close();
    }
  }

  @Test
  void oneRemoteAddressHoldsAtMostMaxConnectionsPerIp() {
    try (TestHub hub = TestHub.start(l -> l.setMaxConnectionsPerIp(2)); TcpClient a = hub.tcp(); TcpClient b = hub.tcp();
         TcpClient c = hub.tcp()) {
      a.sync();
      b.sync();
      JsonObject err = c.nextError("too_many_connections");
      assertTrue(err.getString("detail").startsWith("127.0.0.1 holds 2 connections"), err::encode);
    }
  }

  @Test
  void oneUserHoldsAtMostMaxConnectionsPerUserAndAFailedLoginLeavesTheConnectionAnonymous() {
    try (TestHub hub = TestHub.start(l -> l.setMaxConnectionsPerUser(1)); TcpClient a = hub.tcp(); TcpClient b = hub.tcp()) {
      assertEquals("alice", a.login("alice", TestHub.password("alice")).getJsonObject("body").getString("user"));
      JsonObject refused = b.login("alice", TestHub.password("alice"));
      assertEquals("too_many_connections", refused.getString("error"));
      b.request("hub.auth.whoami", null, "w");
      assertEquals(null, b.next().getJsonObject("body").getString("user"));
      a.close();
      assertTrue(Await.until(() -> hub.core.connections().getInteger("tcp", 0) == 1, 5000));
      try (TcpClient c = hub.tcp()) {
        assertEquals("alice", c.login("alice", TestHub.password("alice")).getJsonObject("body").getString("user"));
      }
    }
  }

  @Test
  void framesOverMaxMessagesPerSecondAreRefusedAndTheConnectionStays() {
    try (TestHub hub = TestHub.start(l -> l.setMaxMessagesPerSecond(5)); TcpClient c = hub.tcp(); WsClient ws = hub.ws()) {
      for (int i = 0; i < 20; i++) {
        c.publish("scope.lobby.flood", i);
      }
      JsonObject err = c.nextError("rate_limited");
      assertTrue(err.getString("detail").contains("5 frames a second"), err::encode);
      c.ping();
      int refused = 1;
      while (!c.next().getString("type").equals("pong")) {
        refused++;
      }
      assertTrue(refused >= 10 && refused <= 15, "a burst of 5 passes, the rest is refused: " + refused);
      sleep(1100);
      for (int i = 0; i < 4; i++) {
        c.publish("scope.lobby.flood", "later");
      }
      c.sync();

      for (int i = 0; i < 20; i++) {
        ws.publish("scope.lobby.flood", i);
      }
      ws.nextError("rate_limited");
    }
  }

  @Test
  void bruteForceHitsTheFailedLoginLimitPerAddressAndPerUser() {
    try (TestHub hub = TestHub.with(s -> s.auth.setMaxFailedLogins(3)); TcpClient c = hub.tcp()) {
      for (int i = 0; i < 3; i++) {
        assertEquals("auth_failed", c.login("alice", "guess-" + i).getString("error"));
      }
      JsonObject blocked = c.login("alice", TestHub.password("alice"));
      assertEquals("too_many_attempts", blocked.getString("error"), "even the right password waits out the window");
      Http http = hub.http();
      HttpResponse<String> r = http.post("/api/login", new JsonObject().put("username", "bob").put("password", TestHub.password("bob")).encode());
      assertEquals(429, r.statusCode(), "the same address is blocked on every transport");
      assertEquals("too_many_attempts", new JsonObject(r.body()).getString("error"));
      try (WsClient ws = WsClient.connect(hub.httpPort(), "")) {
        JsonObject byToken = ws.loginWith(new JsonObject().put("token", hub.token("bob"))).getJsonObject("body");
        assertEquals("bob", byToken.getString("user"), "a token cannot be guessed: token logins are not limited");
      }
      for (int i = 0; i < 5; i++) {
        try (TcpClient again = hub.tcp()) {
          assertEquals("auth_failed", again.loginWith(new JsonObject().put("token", "forged-" + i)).getString("error"));
        }
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
