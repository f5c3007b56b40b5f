package io.junction.http;

import io.junction.testing.Await;
import io.junction.testing.Http;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class SseTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void eachMessageIsOneEventWithAddressHeadersAndBody() {
    try (Http.Sse sse = hub.http().subscribe("scope.lobby.sse"); TcpClient pub = hub.tcp()) {
      assertEquals(200, sse.status());
      assertEquals("text/event-stream; charset=utf-8", sse.response.headers().firstValue("Content-Type").orElse(""));
      sse.nextLine(": subscribed");
      pub.raw("{\"type\":\"publish\",\"address\":\"scope.lobby.sse\",\"headers\":{\"h\":\"v\"},\"body\":{\n \"multi\": \"line\"\n}}");
      JsonObject event = sse.nextEvent();
      assertEquals("scope.lobby.sse", event.getString("address"));
      assertEquals(new JsonObject().put("h", "v"), event.getJsonObject("headers"));
      assertEquals(new JsonObject().put("multi", "line"), event.getJsonObject("body"));
    }
  }

  @Test
  void aHeartbeatCommentKeepsTheStreamAlive() {
    try (Http.Sse sse = hub.http().subscribe("scope.lobby.quiet")) {
      sse.nextLine(": heartbeat");
    }
  }

  @Test
  void theSubscriptionIsReleasedWhenTheClientGoes() {
    Http.Sse sse = hub.http().subscribe("scope.lobby.leaving");
    sse.nextLine(": subscribed");
    assertTrue(hub.core.fanout().has("scope.lobby.leaving"));
    sse.close();
    assertTrue(Await.until(() -> !hub.core.fanout().has("scope.lobby.leaving"), 10_000));
  }
}
