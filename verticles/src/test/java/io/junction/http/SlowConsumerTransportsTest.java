package io.junction.http;

import io.junction.testing.Await;
import io.junction.testing.TestHub;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slow-consumer limits on the transports besides TCP: the plain WebSocket, SockJS over WebSocket, and
 * Server-Sent Events. The clients stop reading; the hub must cut them off with {@code slow_consumer} (or drop and
 * count, under the {@code drop} policy) instead of buffering without end.
 */
@Timeout(90)
class SlowConsumerTransportsTest {

  private static final JsonObject PAD = new JsonObject().put("pad", "p".repeat(10_000));

  private static void flood(TestHub hub, String address) {
    for (int i = 0; i < 4000; i++) {
      hub.vertx.eventBus().publish(address, PAD);
    }
  }

  @Test
  void aWebSocketThatStopsReadingIsClosedWithSlowConsumer() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setOutboundBufferBytes(64 * 1024).setMaxOutboundBytes(256 * 1024))) {
      CompletableFuture<Integer> closeCode = new CompletableFuture<>();
      WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + hub.httpPort() + "/eventbus/websocket"), new WebSocket.Listener() {
          @Override
          public void onOpen(WebSocket webSocket) {
            // ask for nothing: the client reads no frame, and its socket buffers fill up
          }

          @Override
          public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
      ws.sendText("{\"type\":\"register\",\"address\":\"scope.lobby.ws-flood\"}", true).join();
      Await.require(() -> hub.core.fanout().has("scope.lobby.ws-flood"), 10_000, "registered");
      flood(hub, "scope.lobby.ws-flood");
      Await.require(() -> hub.core.stats().toJson().getLong("slowConsumersClosed") == 1, 30_000, "the WebSocket was cut off");
      Await.require(() -> !hub.core.fanout().has("scope.lobby.ws-flood"), 10_000, "its registration was released");
      ws.request(Long.MAX_VALUE);
      assertEquals(4406, closeCode.get(30, TimeUnit.SECONDS), "close code of slow_consumer");
    }
  }

  @Test
  void aSockJsWebSocketThatStopsReadingIsClosedWithSlowConsumer() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setOutboundBufferBytes(64 * 1024).setMaxOutboundBytes(256 * 1024))) {
      CompletableFuture<Integer> closeCode = new CompletableFuture<>();
      WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + hub.httpPort() + "/eventbus/123/stalled/websocket"), new WebSocket.Listener() {
          @Override
          public void onOpen(WebSocket webSocket) {
            // ask for nothing, not even SockJS's "o": the client reads no frame, and its socket buffers fill up
          }

          @Override
          public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
      ws.sendText("[\"{\\\"type\\\":\\\"register\\\",\\\"address\\\":\\\"scope.lobby.sockjs-flood\\\"}\"]", true).join();
      Await.require(() -> hub.core.fanout().has("scope.lobby.sockjs-flood"), 10_000, "registered");
      flood(hub, "scope.lobby.sockjs-flood");
      Await.require(() -> hub.core.stats().toJson().getLong("slowConsumersClosed") == 1, 30_000, "the SockJS session was cut off");
      Await.require(() -> !hub.core.fanout().has("scope.lobby.sockjs-flood"), 10_000, "its registration was released");
      ws.request(Long.MAX_VALUE);
      assertEquals(4406, closeCode.get(30, TimeUnit.SECONDS), "close code of slow_consumer");
    }
  }

  @Test
  void anSseStreamUnderTheDropPolicyIsToldHowManyMessagesItLost() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setOutboundBufferBytes(64 * 1024).setMaxOutboundBytes(256 * 1024)
           .setSlowConsumer(io.junction.bridge.SlowConsumerPolicy.DROP)); Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", hub.httpPort()));
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/subscribe/scope.lobby.sse-drop HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Await.require(() -> hub.core.fanout().has("scope.lobby.sse-drop"), 10_000, "subscribed");
      flood(hub, "scope.lobby.sse-drop");
      Await.require(() -> hub.core.stats().droppedMessages() > 0, 30_000, "messages were dropped");
      String tail = readUntil(socket.getInputStream(), "messages were dropped");
      assertTrue(tail.contains("event: error\ndata: {\"error\":\"slow_consumer\""), tail.substring(Math.max(0, tail.length() - 300)));
      assertEquals(0, hub.core.stats().toJson().getLong("slowConsumersClosed"), "the stream stays open");
      assertTrue(hub.core.fanout().has("scope.lobby.sse-drop"));
    }
  }

  @Test
  void anSseStreamThatStopsReadingIsEndedWithSlowConsumer() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setOutboundBufferBytes(64 * 1024).setMaxOutboundBytes(256 * 1024)); Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", hub.httpPort()));
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/subscribe/scope.lobby.sse-flood HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Await.require(() -> hub.core.fanout().has("scope.lobby.sse-flood"), 10_000, "subscribed");
      flood(hub, "scope.lobby.sse-flood");
      Await.require(() -> hub.core.stats().toJson().getLong("slowConsumersClosed") == 1, 30_000, "the stream was cut off");
      Await.require(() -> !hub.core.fanout().has("scope.lobby.sse-flood"), 10_000, "its subscription was released");
      String tail = readAll(socket.getInputStream());
      assertTrue(tail.contains("event: error\ndata: {\"error\":\"slow_consumer\""), tail.substring(Math.max(0, tail.length() - 300)));
    }
  }

  private static String readAll(InputStream in) throws Exception {
    return readUntil(in, "\"error\":\"slow_consumer\"");
  }

  private static String readUntil(InputStream in, String text) throws Exception {
    StringBuilder sb = new StringBuilder();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      if (sb.indexOf(text) >= 0) {
        break;
      }
    }
    return sb.toString();
  }
}
