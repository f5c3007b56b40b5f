package io.junction.auth;

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

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging in on every transport: by password, by token, once per connection, and who one is afterwards. */
@Timeout(60)
class LoginTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject credentials(String user, String password) {
    return new JsonObject().put("username", user).put("password", password);
  }

  private static void assertLoggedIn(String user, JsonObject reply) {
    JsonObject body = reply.getJsonObject("body");
    assertNotNull(body, () -> "expected a login reply, got " + reply);
    assertEquals(user, body.getString("user"));
    assertNotNull(hub.auth.verify(body.getString("token")), "the reply carries a token that proves the user");
    assertTrue(body.getLong("expiresAt") > System.currentTimeMillis() / 1000);
  }

  private static void assertAuthFailed(JsonObject reply, String message) {
    assertEquals("err", reply.getString("type"), reply::encode);
    assertEquals("auth_failed", reply.getString("error"));
    assertEquals(2002, reply.getInteger("failureCode"));
    assertEquals(message, reply.getString("message"));
  }

  @Test
  void tcpLoginByPasswordThenWhoami() {
    try (TcpClient c = hub.tcp()) {
      c.request("hub.auth.whoami", null, "w0");
      JsonObject anonymous = c.next().getJsonObject("body");
      assertNull(anonymous.getString("user"));
      assertEquals("tcp", anonymous.getString("transport"));

      JsonObject reply = c.login("root", TestHub.password("root"));
      assertLoggedIn("root", reply);
      assertEquals(new JsonArray().add("admin"), reply.getJsonObject("body").getJsonArray("roles"));
      c.request("hub.auth.whoami", null, "w1");
      JsonObject me = c.next().getJsonObject("body");
      assertEquals("root", me.getString("user"));
      assertEquals("test", me.getString("node"));
      assertNotNull(me.getString("client"));
    }
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameError() {
    try (TcpClient c = hub.tcp()) {
      String expected = "wrong user name, password or token";
      assertAuthFailed(c.login("alice", "wrong-password"), expected);
      assertAuthFailed(c.login("nobody-at-all", "wrong-password"), expected);
      assertAuthFailed(c.loginWith(new JsonObject().put("username", "alice")), "a login is {\"username\", \"password\"} or {\"token\"}");
      assertLoggedIn("alice", c.login("alice", TestHub.password("alice")));
    }
  }

  @Test
  void oneLoginPerConnection() {
    try (TcpClient c = hub.tcp()) {
      assertLoggedIn("alice", c.login("alice", TestHub.password("alice")));
      JsonObject again = c.login("root", TestHub.password("root"));
      assertEquals("already_logged_in", again.getString("error"));
      c.request("hub.auth.whoami", null, "w");
      assertEquals("alice", c.next().getJsonObject("body").getString("user"));
    }
  }

  @Test
  void tokenLoginOnTcpAndRefresh() {
    try (TcpClient c = hub.tcp()) {
      c.request("hub.auth.refresh", null, "r0");
      assertEquals("login_required", c.next().getString("error"));
      assertLoggedIn("bob", c.loginWith(new JsonObject().put("token", hub.token("bob", "ops"))));
      c.request("hub.auth.whoami", null, "w");
      assertEquals(new JsonArray().add("ops"), c.next().getJsonObject("body").getJsonArray("roles"));
      c.request("hub.auth.refresh", null, "r1");
      JsonObject fresh = c.next().getJsonObject("body");
      assertEquals("bob", hub.auth.verify(fresh.getString("token")).user());
    }
  }

  @Test
  void webSocketLoginByFrameAndByTokenInTheUri() {
    try (WsClient ws = hub.ws()) {
      assertLoggedIn("alice", ws.login("alice", TestHub.password("alice")));
    }
    try (WsClient ws = WsClient.connect(hub.httpPort(), "?token=" + hub.token("bob"))) {
      ws.request("hub.auth.whoami", null, "w");
      JsonObject me = ws.next().getJsonObject("body");
      assertEquals("bob", me.getString("user"));
      assertEquals("websocket", me.getString("transport"));
    }
  }

  @Test
  void aBadTokenInTheUriClosesTheConnectionWithAuthFailed() {
    try (WsClient ws = WsClient.connect(hub.httpPort(), "?token=forged." + hub.token("bob").split("\\.", 2)[1])) {
      ws.nextError("auth_failed");
      assertEquals(4202, ws.awaitCloseCode(10_000));
      assertEquals("auth_failed", ws.closeReason());
    }
  }

  @Test
  void sockJsLoginByFrameAndByTokenInTheUri() {
    try (SockJsClient s = SockJsClient.connect(hub.httpPort(), "")) {
      assertLoggedIn("alice", s.loginWith(credentials("alice", TestHub.password("alice"))));
    }
    String token = URLEncoder.encode(hub.token("bob"), StandardCharsets.UTF_8);
    try (SockJsClient s = SockJsClient.connect(hub.httpPort(), "?token=" + token)) {
      s.request("hub.auth.whoami", null, "w");
      JsonObject me = s.next().getJsonObject("body");
      assertEquals("bob", me.getString("user"));
      assertEquals("sockjs", me.getString("transport"));
    }
    try (SockJsClient s = SockJsClient.connect(hub.httpPort(), "?token=not-a-token")) {
      s.nextError("auth_failed");
      assertEquals("c[3000,\"Go away!\"]", s.awaitClose(10_000), "polling transports have no close reason");
    }
  }

  @Test
  void httpLoginGivesATokenForBearerCalls() {
    HttpResponse<String> r = hub.http().post("/api/login", credentials("alice", TestHub.password("alice")).encode());
    assertEquals(200, r.statusCode(), r::body);
    JsonObject body = new JsonObject(r.body());
    assertEquals("alice", body.getString("user"));
    HttpResponse<String> me = hub.http().get("/api/whoami", body.getString("token"));
    assertEquals(200, me.statusCode(), me::body);
    assertEquals("alice", new JsonObject(me.body()).getString("user"));
    assertEquals("http", new JsonObject(me.body()).getString("transport"));
    HttpResponse<String> refreshed = hub.http().post("/api/refresh", "", body.getString("token"));
    assertEquals("alice", hub.auth.verify(new JsonObject(refreshed.body()).getString("token")).user());
    assertEquals(401, hub.http().post("/api/refresh", "").statusCode(), "refresh needs a token");
    JsonObject anonymous = new JsonObject(hub.http().get("/api/whoami").body());
    assertNull(anonymous.getString("user"));
    assertEquals(new JsonArray(), anonymous.getJsonArray("roles"));

    HttpResponse<String> wrong = hub.http().post("/api/login", credentials("alice", "nope").encode());
    HttpResponse<String> unknown = hub.http().post("/api/login", credentials("nobody-at-all", "nope").encode());
    assertEquals(401, wrong.statusCode());
    assertEquals(401, unknown.statusCode());
    assertEquals(new JsonObject(wrong.body()), new JsonObject(unknown.body()));
    assertEquals("auth_failed", new JsonObject(wrong.body()).getString("error"));
  }

  /** Expired, forged (payload changed), unsigned and wrong-key tokens, each refused on every transport. */
  @Test
  void everyKindOfBadTokenIsRefusedOnEveryTransport() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String good = hub.token("alice");
    String[] parts = good.split("\\.");
    String adminClaims = b64.encodeToString(("{\"sub\":\"alice\",\"roles\":[\"admin\"],\"exp\":" + (now + 600) + "}")
      .getBytes(StandardCharsets.UTF_8));
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("expired", signed(TestHub.SECRET, "{\"sub\":\"alice\",\"exp\":" + (now - 600) + "}"));
    bad.put("forged", parts[0] + "." + adminClaims + "." + parts[2]);
    bad.put("alg none", b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + adminClaims + ".");
    bad.put("wrong key", signed("some-other-secret-some-other-secret-x", "{\"sub\":\"alice\",\"exp\":" + (now + 600) + "}"));
    for (Map.Entry<String, String> e : bad.entrySet()) {
      String token = e.getValue();
      String what = e.getKey();
      try (TcpClient c = hub.tcp()) {
        assertAuthFailed(c.loginWith(new JsonObject().put("token", token)), "wrong user name, password or token");
      }
      try (WsClient ws = WsClient.connect(hub.httpPort(), "?token=" + token)) {
        ws.nextError("auth_failed");
        assertEquals(4202, ws.awaitCloseCode(10_000), what);
      }
      try (SockJsClient s = SockJsClient.connect(hub.httpPort(), "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
        s.nextError("auth_failed");
      }
      assertEquals(401, hub.http().post("/api/publish/scope.lobby.x", "1", token).statusCode(), what);
      assertEquals(401, hub.http().get("/api/subscribe/scope.lobby.x?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).statusCode(), what);
      assertEquals(401, hub.http().post("/api/login", new JsonObject().put("token", token).encode()).statusCode(), what);
    }
  }

  private static String signed(String secret, String claims) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
      + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aWrongPasswordOverWebSocketAndSockJs() {
    try (WsClient ws = hub.ws()) {
      assertAuthFailed(ws.login("alice", "nope-nope"), "wrong user name, password or token");
      assertAuthFailed(ws.login("nobody-at-all", "nope-nope"), "wrong user name, password or token");
    }
    try (SockJsClient s = SockJsClient.connect(hub.httpPort(), "")) {
      assertAuthFailed(s.loginWith(credentials("alice", "nope-nope")), "wrong user name, password or token");
    }
  }

  @Test
  void badBearerTokensAre401OnEveryApiCall() {
    String forged = hub.token("alice").replaceAll(".$", "A").replaceAll("..$", "BB");
    for (String path : new String[] {"/api/publish/scope.lobby.x", "/api/send/hub.echo"}) {
      HttpResponse<String> r = hub.http().post(path, "{}", forged);
      assertEquals(401, r.statusCode(), path);
      assertEquals("auth_failed", new JsonObject(r.body()).getString("error"));
      assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
    }
  }
}
