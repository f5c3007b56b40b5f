package io.junction.auth;

import io.junction.testing.Http;
import io.junction.testing.SockJsClient;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what, as each transport meets it: private inboxes, the roles of conf/hub.json, the reserved
 * {@code hub.} space, reply addresses of other connections, and the admins' view of users.
 */
@Timeout(60)
class AccessTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static TcpClient tcpAs(String user) {
    TcpClient c = hub.tcp();
    assertNotNull(c.login(user, TestHub.password(user)).getJsonObject("body"));
    return c;
  }

  private static void assertHttpError(HttpResponse<String> r, int status, String id) {
    assertEquals(status, r.statusCode(), r::body);
    assertEquals(id, new JsonObject(r.body()).getString("error"), r::body);
  }

  @Test
  void onlyTheOwnerReadsAnInboxAndAnyUserMaySendToIt() {
    try (TcpClient alice = tcpAs("alice"); TcpClient bob = tcpAs("bob"); TcpClient anonymous = hub.tcp()) {
      alice.register("user.alice").sync();
      bob.register("user.alice");
      bob.nextError("access_denied");
      anonymous.register("user.alice");
      anonymous.nextError("access_denied");

      bob.send(new JsonObject().put("type", "send").put("address", "user.alice").put("body", "hi")
        .put("headers", new JsonObject().put("junction.user", "root")));
      JsonObject got = alice.next();
      assertEquals("hi", got.getString("body"));
      assertEquals("bob", got.getJsonObject("headers").getString("junction.user"), "the hub says who sent it; clients cannot");

      anonymous.send(new JsonObject().put("type", "send").put("address", "user.alice").put("body", "hi"));
      anonymous.nextError("access_denied");
    }
  }

  @Test
  void inboxesOnWebSocketSockJsAndSse() {
    try (WsClient ws = WsClient.connect(hub.httpPort(), "?token=" + hub.token("bob"))) {
      ws.register("user.alice");
      ws.nextError("access_denied");
      ws.register("user.bob").sync();
    }
    try (SockJsClient s = SockJsClient.connect(hub.httpPort(), "?token=" + hub.token("bob"))) {
      s.register("user.alice");
      s.nextError("access_denied");
    }
    Http http = hub.http();
    assertHttpError(http.get("/api/subscribe/user.alice"), 403, "access_denied");
    assertHttpError(http.get("/api/subscribe/user.alice?token=" + hub.token("bob")), 403, "access_denied");
    try (Http.Sse sse = http.subscribe("user.alice?token=" + hub.token("alice"))) {
      assertEquals(200, sse.status());
      sse.nextLine(": subscribed");
      assertEquals(202, http.post("/api/publish/user.alice", "\"to me\"", hub.token("alice")).statusCode());
      assertEquals("to me", sse.nextEvent().getString("body"));
    }
  }

  @Test
  void theAdminRoleMayUseAnyAddressOthersOnlyWhatTheirRulesSay() {
    try (TcpClient root = tcpAs("root"); TcpClient alice = tcpAs("alice")) {
      root.register("plant.7.telemetry").sync();
      alice.register("plant.7.telemetry");
      alice.nextError("access_denied");
      alice.publish("plant.7.telemetry", 1);
      alice.nextError("access_denied");
      root.publish("plant.7.telemetry", 42);
      assertEquals(42, root.next().getInteger("body"));
      assertEquals(202, hub.http().post("/api/publish/plant.7.telemetry", "43", hub.token("root", "admin")).statusCode());
      assertEquals(43, root.next().getInteger("body"));
      assertHttpError(hub.http().post("/api/publish/plant.7.telemetry", "44", hub.token("alice")), 403, "access_denied");
    }
  }

  @Test
  void nobodyRegistersUnderHubNotEvenAdmins() {
    try (TcpClient root = tcpAs("root")) {
      root.register("hub.echo");
      root.nextError("access_denied");
    }
    try (WsClient ws = hub.ws()) {
      ws.register("hub.auth.login");
      ws.nextError("access_denied");
    }
    try (SockJsClient s = SockJsClient.connect(hub.httpPort(), "")) {
      s.register("hub.echo");
      s.nextError("access_denied");
    }
    assertHttpError(hub.http().get("/api/subscribe/hub.echo?token=" + hub.token("root", "admin")), 403, "access_denied");
  }

  @Test
  void replyAddressesOfOtherConnectionsAreRefusedOnEveryTransport() {
    String address = "scope.lobby.asked";
    try (TcpClient owner = hub.tcp(); WsClient ws = hub.ws(); SockJsClient s = SockJsClient.connect(hub.httpPort(), "")) {
      owner.register(address).sync();
      hub.vertx.eventBus().request(address, "x");
      String replyAddress = owner.next().getString("replyAddress");
      JsonObject answer = new JsonObject().put("type", "send").put("address", replyAddress).put("body", "stolen");
      ws.send(answer);
      ws.nextError("access_denied");
      s.send(answer);
      s.nextError("access_denied");
      assertHttpError(hub.http().post("/api/send/" + replyAddress, "\"stolen\""), 403, "access_denied");
    }
  }

  @Test
  void adminsSeeUsersWithTheirLastLogin() {
    try (TcpClient alice = tcpAs("alice"); TcpClient root = tcpAs("root"); TcpClient anonymous = hub.tcp()) {
      root.request("hub.auth.users", null, "u");
      JsonArray users = root.next().getJsonObject("body").getJsonArray("users");
      JsonObject a = users.stream().map(JsonObject.class::cast).filter(u -> u.getString("user").equals("alice")).findFirst().orElseThrow();
      assertEquals(new JsonArray(), a.getJsonArray("roles"));
      assertEquals("127.0.0.1", a.getJsonObject("lastLogin").getString("remote"));
      assertEquals("tcp", a.getJsonObject("lastLogin").getString("transport"));
      assertTrue(a.getJsonObject("lastLogin").getLong("time") > System.currentTimeMillis() - 60_000);

      alice.request("hub.auth.users", null, "u");
      assertEquals("access_denied", alice.next().getString("error"));
      anonymous.request("hub.auth.users", null, "u");
      assertEquals("login_required", anonymous.next().getString("error"));
    }
    HttpResponse<String> r = hub.http().get("/api/admin/users", hub.token("root", "admin"));
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(3, new JsonObject(r.body()).getJsonArray("users").stream()
      .filter(u -> TestHub.USERS.contains(((JsonObject) u).getString("user"))).count());
    assertHttpError(hub.http().get("/api/admin/users", hub.token("alice")), 403, "access_denied");
    assertHttpError(hub.http().get("/api/admin/users"), 401, "login_required");
  }

  @Test
  void anonymousConnectionsKeepTheLobbyAndEcho() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.chat").sync();
      c.publish("scope.lobby.chat", "hello");
      assertEquals("hello", c.next().getString("body"));
      c.request("hub.echo", "ping", "e");
      assertEquals("ping", c.next().getString("body"));
      c.request("hub.auth.whoami", null, "w");
      assertNull(c.next().getJsonObject("body").getString("user"));
      c.register("scope.private.chat");
      c.nextError("access_denied");
    }
  }
}
