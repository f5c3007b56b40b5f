package io.junction.http;

import io.junction.testing.Http;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class HttpApiTest {

  static TestHub hub;
  static Http http;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
    http = hub.http();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static void assertError(HttpResponse<String> resp, int status, String id) {
    assertEquals(status, resp.statusCode(), resp::body);
    JsonObject body = new JsonObject(resp.body());
    assertEquals(id, body.getString("error"), resp::body);
    assertTrue(body.getInteger("code") > 1000, resp::body);
    assertTrue(!body.getString("message").isEmpty(), resp::body);
    assertEquals("application/json", resp.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void healthIsUpWithNodeAndMembers() {
    HttpResponse<String> resp = http.get("/health");
    assertEquals(200, resp.statusCode());
    JsonObject health = new JsonObject(resp.body());
    assertEquals("UP", health.getString("status"));
    assertEquals(hub.node.id(), health.getString("node"));
    assertEquals(1, health.getJsonArray("members").size());
    assertEquals(hub.tcpPort(), health.getJsonObject("ports").getInteger("tcp"));
    assertEquals(0, health.getJsonObject("jobs").getInteger("busy"));
    assertTrue(health.getJsonObject("jobs").getJsonArray("commands").contains("say_hi"), health::encode);
  }

  @Test
  void healthIs503WhileTheNodeIsNotUp() {
    try {
      hub.node.setState(io.junction.bridge.NodeState.STOPPING);
      HttpResponse<String> resp = http.get("/health");
      assertEquals(503, resp.statusCode());
      assertEquals("STOPPING", new JsonObject(resp.body()).getString("status"));
      assertError(http.post("/api/publish/scope.lobby.x", "1"), 503, "shutting_down");
      hub.node.setState(io.junction.bridge.NodeState.STARTING);
      assertEquals(503, http.get("/health").statusCode());
      assertError(http.post("/api/publish/scope.lobby.x", "1"), 503, "not_ready");
    } finally {
      hub.node.setState(io.junction.bridge.NodeState.UP);
    }
  }

  @Test
  void publishReturns202AndReachesBridgeClients() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.http").sync();
      HttpResponse<String> resp = http.post("/api/publish/scope.lobby.http", "{\"from\":\"curl\"}");
      assertEquals(202, resp.statusCode(), resp.body());
      assertEquals(new JsonObject().put("from", "curl"), c.next().getJsonObject("body"));
    }
  }

  @Test
  void sendReturnsTheReplyBody() {
    HttpResponse<String> resp = http.post("/api/send/hub.echo", "[1,2,{\"x\":true}]");
    assertEquals(200, resp.statusCode());
    assertEquals("[1,2,{\"x\":true}]", resp.body());
    assertEquals("application/json", resp.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void sendToAnAddressNobodyHandlesIs404() {
    assertError(http.post("/api/send/scope.lobby.nobody", "1"), 404, "no_handlers");
  }

  @Test
  void sendThatTimesOutIs504() {
    try (TcpClient silent = hub.tcp()) {
      silent.register("scope.lobby.silent").sync();
      assertError(http.post("/api/send/scope.lobby.silent?timeout=200", "1"), 504, "timeout");
    }
  }

  @Test
  void aFailedRequestIs502WithTheFailureCode() {
    try (TcpClient service = hub.tcp()) {
      service.register("scope.lobby.refuser").sync();
      var pending = java.util.concurrent.CompletableFuture.supplyAsync(() -> http.post("/api/send/scope.lobby.refuser", "1"));
      String replyAddress = service.next().getString("replyAddress");
      service.send(new JsonObject().put("type", "send").put("address", replyAddress).put("failureCode", 7).put("message", "no"));
      HttpResponse<String> resp = pending.join();
      assertError(resp, 502, "recipient_failure");
      assertEquals(7, new JsonObject(resp.body()).getInteger("failureCode"));
    }
  }

  @Test
  void deniedAddressesAre403() {
    assertError(http.post("/api/publish/secret.x", "1"), 403, "access_denied");
    assertError(http.post("/api/send/secret.x", "1"), 403, "access_denied");
    assertError(http.get("/api/subscribe/secret.x"), 403, "access_denied");
    assertError(http.get("/api/subscribe/hub.echo"), 403, "access_denied");
  }

  @Test
  void invalidJsonIs400() {
    assertError(http.post("/api/publish/scope.lobby.x", "{broken"), 400, "invalid_json");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    assertError(http.post("/api/publish/scope.lobby.x", "\"" + "x".repeat(70_000) + "\""), 413, "frame_too_large");
  }

  @Test
  void anAddressOverTheLimitIs400() {
    assertError(http.post("/api/publish/scope.lobby." + "a".repeat(200), "1"), 400, "address_too_long");
  }

  @Test
  void unknownEndpointsAre404AndWrongMethods405() {
    assertError(http.get("/api/nope"), 404, "not_found");
    assertError(http.get("/api/publish/scope.lobby.x"), 405, "method_not_allowed");
    assertError(http.call(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + hub.httpPort() + "/health"))
      .DELETE()), 405, "method_not_allowed");
  }

  @Test
  void anEmptyBodyPublishesNull() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.empty").sync();
      assertEquals(202, http.post("/api/publish/scope.lobby.empty", "").statusCode());
      JsonObject m = c.next();
      assertTrue(m.containsKey("body") && m.getValue("body") == null, m::encode);
    }
  }

  @Test
  void theConsoleAndTheSockJsLibraryAreServedLocally() {
    HttpResponse<String> lib = http.get("/webjars/sockjs-client/1.6.1/dist/sockjs.min.js");
    assertEquals(200, lib.statusCode());
    assertTrue(lib.body().length() > 50_000);
    HttpResponse<String> iframe = http.get("/eventbus/iframe.html");
    assertTrue(iframe.body().contains("src=\"/webjars/sockjs-client/1.6.1/dist/sockjs.min.js\""), iframe.body());
    HttpResponse<String> console = http.get("/");
    assertEquals(404, console.statusCode(), "this module has no webroot; the hub jar carries it");
    HttpResponse<String> info = http.get("/eventbus/info");
    assertEquals(200, info.statusCode());
    assertTrue(new JsonObject(info.body()).getBoolean("websocket"));
  }
}
