package io.junction.hub;

import io.junction.testing.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Scope services spoken as raw frames by any test client (TCP, WebSocket, SockJS): a client is a way to send a
 * frame and a way to take the next one.
 */
final class ScopeCalls {

  private ScopeCalls() {
  }

  /** Sends a request to {@code address} and returns the frame answering it (skipping other traffic). */
  static JsonObject ask(Consumer<JsonObject> send, Supplier<JsonObject> frames, String address, JsonObject body) {
    String reply = "r" + System.nanoTime();
    send.accept(new JsonObject().put("type", "send").put("address", address).put("body", body).put("replyAddress", reply));
    return next(frames, reply);
  }

  /** The next frame for {@code address} (a message there, or an error without address); others are skipped. */
  static JsonObject next(Supplier<JsonObject> frames, String address) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject f = frames.get();
      if (address.equals(f.getString("address")) || "err".equals(f.getString("type")) && f.getString("address") == null) {
        return f;
      }
    }
    throw new AssertionError("nothing for " + address + " within 15 s");
  }

  /** Joins {@code scope} with {@code {"name": name}} as meta; the join's answer. */
  static JsonObject join(Consumer<JsonObject> send, Supplier<JsonObject> frames, String scope, String name) {
    JsonObject r = ask(send, frames, "hub.scope.join", new JsonObject().put("scope", scope).put("meta", new JsonObject().put("name", name)));
    assertNotEquals("err", r.getString("type"), r::encode);
    return r.getJsonObject("body");
  }

  static List<String> names(JsonArray members) {
    return members.stream().map(m -> ((JsonObject) m).getJsonObject("meta").getString("name")).collect(Collectors.toList());
  }

  /** The meta name of the member of a presence event. */
  static String name(JsonObject event) {
    return event.getJsonObject("member").getJsonObject("meta").getString("name");
  }

  /** The members' names as {@code node} lists them, over HTTP. */
  static List<String> membersFrom(int httpPort, String scope) {
    HttpResponse<String> r = new Http(httpPort).post("/api/send/hub.scope.members", new JsonObject().put("scope", scope).encode());
    assertEquals(200, r.statusCode(), r.body());
    return names(new JsonObject(r.body()).getJsonArray("members"));
  }

  /** The next presence event of {@code scope} about the member named {@code name} (others skipped). */
  static JsonObject eventAbout(Supplier<JsonObject> frames, String scope, String name) {
    while (true) {
      JsonObject e = next(frames, "scope." + scope + ".presence").getJsonObject("body");
      if (name.equals(name(e))) {
        return e;
      }
    }
  }

  /** Publishes with an acknowledgement; the sequence number the hub gave. */
  static long publishKept(Consumer<JsonObject> send, Supplier<JsonObject> frames, String address, Object body) {
    String ack = "ack" + System.nanoTime();
    send.accept(new JsonObject().put("type", "publish").put("address", address).put("body", body).put("replyAddress", ack));
    JsonObject r = next(frames, ack);
    assertNotEquals("err", r.getString("type"), r::encode);
    return r.getJsonObject("body").getLong("seq");
  }
}
