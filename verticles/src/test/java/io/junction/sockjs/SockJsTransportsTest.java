package io.junction.sockjs;

import io.junction.testing.TestHub;
import io.junction.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SockJS's polling and streaming transports run only with one HTTP instance: vertx-web spreads their sessions
 * over several requests and event loops without safe publication, and a write could wait for the next poll.
 */
@Timeout(60)
class SockJsTransportsTest {

  private static int xhrStatus(TestHub hub) {
    return hub.http().call(HttpRequest.newBuilder(java.net.URI.create(
      "http://127.0.0.1:" + hub.httpPort() + "/eventbus/000/" + System.nanoTime() + "/xhr")).POST(HttpRequest.BodyPublishers.noBody()))
      .statusCode();
  }

  @Test
  void withOneHttpInstanceEveryTransportIsOffered() {
    try (TestHub hub = TestHub.start()) {
      assertEquals(200, xhrStatus(hub));
    }
  }

  @Test
  void withSeveralHttpInstancesSockJsRunsOverWebSocketOnly() {
    try (TestHub hub = TestHub.with(s -> s.http.setInstances(2)); WsClient ws = hub.ws()) {
      assertEquals(404, xhrStatus(hub));
      ws.request("hub.echo", "still", "r1");
      assertEquals("still", ws.next().getString("body"));
    }
  }
}
