package io.junction.http;

import io.junction.testing.TestHub;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Browser origins: who may open /eventbus (SockJS and WebSocket) and who gets CORS on /api. */
@Timeout(60)
class OriginsTest {

  static final String FRIEND = "https://app.example.com";
  static final String API_FRIEND = "https://dash.example.com";
  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.with(s -> s.http.setAllowedOrigins(List.of(FRIEND)).setCorsOrigins(List.of(API_FRIEND)));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static URI ws() {
    return URI.create("ws://127.0.0.1:" + hub.httpPort() + "/eventbus/websocket");
  }

  private static HttpResponse<String> call(String method, String path, String origin) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + path))
      .method(method, HttpRequest.BodyPublishers.ofString(method.equals("POST") ? "1" : ""));
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (method.equals("OPTIONS")) {
      b.header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization");
    }
    return hub.http().call(b);
  }

  @Test
  void aWebSocketFromAnotherOriginIsRefusedWithOriginNotAllowed() {
    ExecutionException e = assertThrows(ExecutionException.class,
      () -> WsClient.open(ws(), HttpClient.newHttpClient(), "https://evil.example.net"));
    WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
    assertEquals(403, refused.getResponse().statusCode());
    assertTrue(String.valueOf(refused.getResponse().body()).contains("origin_not_allowed"));
  }

  @Test
  void theNodesOwnPagesListedOriginsAndNonBrowsersMayConnect() throws Exception {
    for (String origin : new String[] {FRIEND, FRIEND + ":443", "http://127.0.0.1:" + hub.httpPort(), null}) {
      try (WsClient c = WsClient.open(ws(), HttpClient.newHttpClient(), origin)) {
        c.sync();
      }
    }
  }

  @Test
  void sockJsRequestsFromAnotherOriginAreRefused() {
    HttpResponse<String> info = call("GET", "/eventbus/info", "https://evil.example.net");
    assertEquals(403, info.statusCode());
    assertEquals("origin_not_allowed", new JsonObject(info.body()).getString("error"));
    assertEquals(403, call("POST", "/eventbus/000/abc/xhr", "https://evil.example.net").statusCode());
    assertEquals(200, call("GET", "/eventbus/info", FRIEND).statusCode());
  }

  @Test
  void corsForListedApiOriginsOnly() {
    HttpResponse<String> preflight = call("OPTIONS", "/api/publish/scope.lobby.x", API_FRIEND);
    assertEquals(204, preflight.statusCode());
    assertEquals(API_FRIEND, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));

    HttpResponse<String> publish = call("POST", "/api/publish/scope.lobby.x", API_FRIEND);
    assertEquals(202, publish.statusCode());
    assertEquals(API_FRIEND, publish.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

    HttpResponse<String> evil = call("POST", "/api/publish/scope.lobby.x", "https://evil.example.net");
    assertEquals(403, evil.statusCode());
    assertEquals("origin_not_allowed", new JsonObject(evil.body()).getString("error"));
    assertEquals(403, call("OPTIONS", "/api/publish/scope.lobby.x", FRIEND).statusCode(), "the lists are separate");

    HttpResponse<String> curl = call("POST", "/api/publish/scope.lobby.x", null);
    assertEquals(202, curl.statusCode());
    assertFalse(curl.headers().firstValue("Access-Control-Allow-Origin").isPresent());
  }

  @Test
  void badOriginsInTheConfigAreRejected() {
    HttpOptions o = new HttpOptions();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.setAllowedOrigins(List.of("app.example.com")));
    assertTrue(e.getMessage().contains("is not an origin"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> o.setCorsOrigins(List.of("https://app.example.com/path")));
    o.setCorsOrigins(List.of("*"));
  }
}
