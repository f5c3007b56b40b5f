package io.junction.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A SockJS client over the xhr-polling transport, written from the SockJS protocol (independent of the hub's
 * code): a poller thread long-polls {@code /xhr} and queues the frames of {@code a[...]} answers; frames go out by
 * {@code /xhr_send}. A {@code c[code,"reason"]} answer ends the queue.
 */
public final class SockJsClient implements AutoCloseable {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String query;
  private final FrameQueue frames = new FrameQueue("body");
  private volatile String closeFrame;
  private volatile boolean stopped;

  private SockJsClient(int port, String query) {
    this.base = "http://127.0.0.1:" + port + "/eventbus/000/" + Long.toHexString(System.nanoTime());
    this.query = query;
    String open = post("/xhr", null).body();
    assertEquals("o\n", open, "SockJS open frame");
    Thread poller = new Thread(this::poll, "sockjs-test-poller");
    poller.setDaemon(true);
    poller.start();
  }

  /** Opens a session; {@code query} ("?token=...", or "") is added to every request's URI, as sockjs-client does. */
  public static SockJsClient connect(int port, String query) {
    return new SockJsClient(port, query);
  }

  /**
   * vertx-web closes the connection after each poll's answer without saying so in a header, so the JDK client may
   * pick the dead connection from its pool for the next request, which then fails before the server saw it: such a
   * request is sent again.
   */
  private HttpResponse<String> post(String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path + query)).timeout(Duration.ofSeconds(60));
    b.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int attempt = 1; ; attempt++) {
      try {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("received no bytes")) {
          throw new AssertionError("SockJS request failed", e);
        }
      } catch (Exception e) {
        throw new AssertionError("SockJS request failed", e);
      }
    }
  }

  private void poll() {
    try {
      while (!stopped) {
        String answer = post("/xhr", null).body().trim();
        if (answer.startsWith("a")) {
          for (Object frame : new JsonArray(answer.substring(1))) {
            frames.add(new JsonObject((String) frame));
          }
        } else if (answer.startsWith("c")) {
          closeFrame = answer;
          return;
        }
      }
    } catch (AssertionError e) {
      closeFrame = "poll failed: " + e.getCause();
    } finally {
      frames.end();
    }
  }

  public SockJsClient send(JsonObject frame) {
    HttpResponse<String> r = post("/xhr_send", new JsonArray().add(frame.encode()).encode());
    assertEquals(204, r.statusCode(), r::body);
    return this;
  }

  public SockJsClient request(String address, Object body, String replyAddress) {
    return send(new JsonObject().put("type", "send").put("address", address).put("body", body).put("replyAddress", replyAddress));
  }

  public SockJsClient register(String address) {
    return send(new JsonObject().put("type", "register").put("address", address));
  }

  /** Sends {@code body} to hub.auth.login and returns the frame that answers it. */
  public JsonObject loginWith(JsonObject body) {
    request("hub.auth.login", body, "login-reply");
    return next();
  }

  public JsonObject next() {
    return frames.next(10_000);
  }

  public JsonObject nextError(String id) {
    return frames.nextError(id);
  }

  /** The SockJS close frame ({@code c[code,"reason"]}) once the session closed, waiting up to {@code ms}. */
  public String awaitClose(long ms) {
    Await.until(() -> closeFrame != null, ms);
    return closeFrame;
  }

  @Override
  public void close() {
    stopped = true;
  }
}
