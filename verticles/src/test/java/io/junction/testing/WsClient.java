package io.junction.testing;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A plain WebSocket client (the JDK's) for {@code /eventbus/websocket}: text frames in, JSON frames queued. */
public final class WsClient implements AutoCloseable {

  private final WebSocket ws;
  private final FrameQueue frames = new FrameQueue("body");
  private final CompletableFuture<int[]> closed = new CompletableFuture<>();
  private final CompletableFuture<String> closeReason = new CompletableFuture<>();

  private WsClient(URI uri, HttpClient client, String origin) throws Exception {
    WebSocket.Builder b = client.newWebSocketBuilder();
    if (origin != null) {
      b.header("Origin", origin);
    }
    ws = b.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
  }

  public static WsClient connect(int port) {
    return connect(port, "");
  }

  /** Connects with {@code query} ("?token=...") added to the URI. */
  public static WsClient connect(int port, String query) {
    try {
      return open(URI.create("ws://127.0.0.1:" + port + "/eventbus/websocket" + query), HttpClient.newHttpClient(), null);
    } catch (Exception e) {
      throw new AssertionError("cannot open the WebSocket", e);
    }
  }

  /** Opens {@code uri} as a page from {@code origin} (null: no Origin header) would; fails as the server refuses. */
  public static WsClient open(URI uri, HttpClient client, String origin) throws Exception {
    return new WsClient(uri, client, origin);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        frames.add(new JsonObject(text.toString()));
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      frames.add(new JsonObject(new String(b, StandardCharsets.UTF_8)).put("__binary", true));
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeReason.complete(reason);
      closed.complete(new int[] {statusCode});
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new int[] {-1});
    }
  }

  public WsClient send(JsonObject frame) {
    return raw(frame.encode());
  }

  public WsClient raw(String text) {
    ws.sendText(text, true).join();
    return this;
  }

  /** Sends {@code body} to hub.auth.login and returns the frame that answers it. */
  public JsonObject loginWith(JsonObject body) {
    request("hub.auth.login", body, "login-reply");
    return next();
  }

  public JsonObject login(String user, String password) {
    return loginWith(new JsonObject().put("username", user).put("password", password));
  }

  public WsClient register(String address) {
    return send(new JsonObject().put("type", "register").put("address", address));
  }

  public WsClient publish(String address, Object body) {
    return send(new JsonObject().put("type", "publish").put("address", address).put("body", body));
  }

  public WsClient request(String address, Object body, String replyAddress) {
    return send(new JsonObject().put("type", "send").put("address", address).put("body", body).put("replyAddress", replyAddress));
  }

  /**
   * Waits until earlier frames took effect: the WebSocket wire has no pong, so this sends a request to
   * {@code hub.echo} and waits for its reply (frames are handled in order).
   */
  public WsClient sync() {
    String token = "sync-" + System.nanoTime();
    request("hub.echo", token, token);
    JsonObject reply = next();
    assertEquals(token, reply.getString("address"), () -> "expected the sync reply, got " + reply);
    return this;
  }

  public JsonObject next() {
    return frames.next(10_000);
  }

  /** The next error frame; asserts its id in the stock {@code body} field and in ours. */
  public JsonObject nextError(String id) {
    return frames.nextError(id);
  }

  public void expectNothing(long ms) {
    frames.expectNothing(ms);
  }

  /** The close code the server sent, waiting up to {@code ms}. */
  public int awaitCloseCode(long ms) {
    try {
      return closed.get(ms, TimeUnit.MILLISECONDS)[0];
    } catch (Exception e) {
      throw new AssertionError("the WebSocket did not close within " + ms + " ms", e);
    }
  }

  public String closeReason() {
    return closeReason.getNow(null);
  }

  @Override
  public void close() {
    ws.abort();
  }
}
