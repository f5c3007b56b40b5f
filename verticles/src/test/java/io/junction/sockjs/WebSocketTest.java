package io.junction.sockjs;

import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(60)
class WebSocketTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start(l -> l.setIdleTimeoutSeconds(2));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void publishedMessagesArriveAsRecTextFrames() {
    try (WsClient ws = hub.ws(); TcpClient pub = hub.tcp()) {
      ws.register("scope.lobby.ws").sync();
      pub.publish("scope.lobby.ws", new JsonObject().put("hi", 1));
      JsonObject m = ws.next();
      assertEquals("rec", m.getString("type"));
      assertEquals("scope.lobby.ws", m.getString("address"));
      assertEquals(new JsonObject().put("hi", 1), m.getJsonObject("body"));
      assertNull(m.getValue("__binary"), "the hub writes text frames");
    }
  }

  @Test
  void requestReplyWithEcho() {
    try (WsClient ws = hub.ws()) {
      ws.request("hub.echo", "ping?", "r1");
      JsonObject reply = ws.next();
      assertEquals("r1", reply.getString("address"));
      assertEquals("ping?", reply.getString("body"));
    }
  }

  @Test
  void aRequestFromTheBusIsAnsweredOverWebSocket() throws Exception {
    try (WsClient ws = hub.ws()) {
      ws.register("scope.lobby.wsservice").sync();
      var reply = hub.vertx.eventBus().request("scope.lobby.wsservice", "q");
      String replyAddress = ws.next().getString("replyAddress");
      ws.send(new JsonObject().put("type", "send").put("address", replyAddress).put("body", "a"));
      assertEquals("\"a\"", reply.await(10, TimeUnit.SECONDS).body().toString());
    }
  }

  @Test
  void errorsUseTheSameIdsWithTheIdInBody() {
    try (WsClient ws = hub.ws()) {
      ws.raw("{nope");
      assertEquals(1001, ws.nextError("invalid_json").getInteger("code"));
      ws.raw("{\"address\":\"x\"}");
      ws.nextError("missing_type");
      ws.raw("{\"type\":\"bogus\"}");
      ws.nextError("unknown_type");
      ws.raw("{\"type\":\"publish\"}");
      ws.nextError("missing_address");
      ws.publish("secret.x", 1);
      ws.nextError("access_denied");
      ws.register("hub.echo");
      ws.nextError("access_denied");
      ws.register("scope.lobby.dup").register("scope.lobby.dup");
      ws.nextError("address_already_registered");
      ws.send(new JsonObject().put("type", "unregister").put("address", "scope.lobby.never"));
      ws.nextError("not_registered");
      ws.sync();
    }
  }

  @Test
  void aMessageOverTheLimitGetsAnErrorAndTheConnectionStaysOpen() {
    try (WsClient ws = hub.ws()) {
      ws.publish("scope.lobby.big", "x".repeat(70_000));
      ws.nextError("frame_too_large");
      ws.sync();
    }
  }

  @Test
  void aSilentWebSocketIsClosedWithTheIdleTimeoutCode() {
    try (WsClient ws = hub.ws()) {
      ws.nextError("idle_timeout");
      assertEquals(4407, ws.awaitCloseCode(5000));
      assertEquals("idle_timeout", ws.closeReason());
    }
  }

  @Test
  void webSocketAndTcpClientsShareTheBus() {
    try (WsClient ws = hub.ws(); TcpClient tcp = hub.tcp()) {
      tcp.register("scope.lobby.shared").sync();
      ws.publish("scope.lobby.shared", "from ws");
      assertEquals("from ws", tcp.next().getString("body"));
      assertFalse(tcp.isClosed());
    }
  }
}
