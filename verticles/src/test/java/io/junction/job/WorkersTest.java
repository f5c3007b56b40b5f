package io.junction.job;

import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Remote workers on TCP and WebSocket: offers, progress, results, failures, cancel, and workers that leave. */
@Timeout(60)
class WorkersTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.with(s -> { });
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  /** Frames a request skipped while waiting for its reply, per connection: offers may come before a reply. */
  private static final java.util.Map<Object, java.util.ArrayDeque<JsonObject>> skipped = new java.util.concurrent.ConcurrentHashMap<>();

  private static JsonObject ask(Object conn, Consumer<JsonObject> send, Supplier<JsonObject> next, String address, JsonObject body) {
    String reply = "r" + System.nanoTime();
    send.accept(new JsonObject().put("type", "send").put("address", address).put("body", body).put("replyAddress", reply));
    while (true) {
      JsonObject f = next.get();
      if (reply.equals(f.getString("address"))) {
        return f;
      }
      skipped.computeIfAbsent(conn, k -> new java.util.ArrayDeque<>()).add(f);
    }
  }

  private static JsonObject ask(TcpClient c, String address, JsonObject body) {
    return ask(c, c::send, c::next, address, body);
  }

  private static JsonObject ask(WsClient c, String address, JsonObject body) {
    return ask(c, c::send, c::next, address, body);
  }

  /** The next frame of {@code conn}: one a request skipped, or a new one. */
  private static Supplier<JsonObject> frames(Object conn, Supplier<JsonObject> next) {
    return () -> {
      java.util.ArrayDeque<JsonObject> q = skipped.get(conn);
      JsonObject f = q == null ? null : q.poll();
      return f != null ? f : next.get();
    };
  }

  /** The next offer or cancel a worker gets (a message to its client.<id> with the junction.job header). */
  private static JsonObject nextFromHub(Supplier<JsonObject> next, String kind) {
    JsonObject f = next.get();
    assertTrue(f.getString("address").startsWith("client."), f::encode);
    assertEquals(kind, f.getJsonObject("headers").getString("junction.job"), f::encode);
    return f.getJsonObject("body");
  }

  private static JsonObject status(TcpClient c, String token) {
    return ask(c, "hub.jobs.status", new JsonObject().put("token", token)).getJsonObject("body");
  }

  @Test
  void aWorkerIsOfferedJobsReportsProgressAndAnswers() throws Exception {
    try (TcpClient worker = hub.tcp(); TcpClient client = hub.tcp()) {
      JsonObject registered = ask(worker, "hub.jobs.work", new JsonObject().put("commands", new JsonArray().add("resize"))).getJsonObject("body");
      assertEquals(new JsonArray().add("resize"), registered.getJsonArray("commands"));
      assertEquals("busy", ask(client, "hub.jobs.submit", new JsonObject().put("command", "resize").put("token", "w1")
        .put("args", new JsonObject().put("width", 64))).getJsonObject("body").getString("status"));
      JsonObject offer = nextFromHub(frames(worker, worker::next), "offer");
      assertEquals(new JsonObject().put("token", "w1").put("command", "resize").put("args", new JsonObject().put("width", 64)), offer);

      ask(worker, "hub.jobs.progress", new JsonObject().put("token", "w1").put("progress", new JsonObject().put("percent", 50)));
      assertEquals(50, status(client, "w1").getJsonObject("progress").getInteger("percent"));
      JsonObject done = ask(worker, "hub.jobs.done", new JsonObject().put("token", "w1").put("response", new JsonObject().put("url", "/img/64")))
        .getJsonObject("body");
      assertEquals("success", done.getString("status"));
      assertEquals("/img/64", status(client, "w1").getJsonObject("response").getString("url"));
      assertEquals("unknown_token", ask(worker, "hub.jobs.done", new JsonObject().put("token", "w1").put("response", 1)).getString("error"),
        "a job reported once");
      assertEquals("unknown_token", ask(client, "hub.jobs.done", new JsonObject().put("token", "w1").put("response", 2)).getString("error"),
        "only its worker reports");
    }
  }

  @Test
  void aWorkerThatFailsOrIsCancelledAndOneWithoutCapacityWaits() throws Exception {
    try (WsClient worker = hub.ws(); TcpClient client = hub.tcp()) {
      ask(worker, "hub.jobs.work", new JsonObject().put("commands", new JsonArray().add("print")).put("capacity", 1));
      ask(client, "hub.jobs.submit", new JsonObject().put("command", "print").put("token", "p1"));
      ask(client, "hub.jobs.submit", new JsonObject().put("command", "print").put("token", "p2"));
      assertEquals("p1", nextFromHub(frames(worker, worker::next), "offer").getString("token"));
      JsonObject failed = ask(worker, "hub.jobs.fail", new JsonObject().put("token", "p1").put("reason", "paper jam"))
        .getJsonObject("body");
      assertEquals("paper jam", failed.getString("reason"));
      assertEquals("p2", nextFromHub(frames(worker, worker::next), "offer").getString("token"), "the second waited for the free slot");
      assertEquals("cancelled", ask(client, "hub.jobs.cancel", new JsonObject().put("token", "p2")).getJsonObject("body").getString("reason"));
      assertEquals("p2", nextFromHub(frames(worker, worker::next), "cancel").getString("token"), "the worker is told");
    }
  }

  @Test
  void whenAWorkerLeavesItsJobsGoToAnotherOrEndWorkerLost() throws Exception {
    try (TcpClient client = hub.tcp()) {
      TcpClient first = hub.tcp();
      ask(first, "hub.jobs.work", new JsonObject().put("commands", new JsonArray().add("convert")).put("retryable", true));
      ask(client, "hub.jobs.submit", new JsonObject().put("command", "convert").put("token", "cv1"));
      assertEquals("cv1", nextFromHub(frames(first, first::next), "offer").getString("token"));
      try (TcpClient second = hub.tcp()) {
        ask(second, "hub.jobs.work", new JsonObject().put("commands", new JsonArray().add("convert")).put("retryable", true));
        first.close();
        assertEquals("cv1", nextFromHub(frames(second, second::next), "offer").getString("token"), "retryable: offered again");
        ask(second, "hub.jobs.done", new JsonObject().put("token", "cv1").put("response", "ok"));
        assertEquals("success", status(client, "cv1").getString("status"));
      }

      TcpClient once = hub.tcp();
      ask(once, "hub.jobs.work", new JsonObject().put("commands", new JsonArray().add("launch")));
      ask(client, "hub.jobs.submit", new JsonObject().put("command", "launch").put("token", "l1"));
      nextFromHub(frames(once, once::next), "offer");
      once.close();
      long deadline = System.currentTimeMillis() + 10_000;
      JsonObject s = status(client, "l1");
      while (!s.getBoolean("finished") && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
        s = status(client, "l1");
      }
      assertEquals("aborted", s.getString("status"));
      assertEquals("worker_lost", s.getString("reason"));
      assertEquals("bad_command", ask(client, "hub.jobs.submit", new JsonObject().put("command", "launch")).getString("error"),
        "no worker left for it");
    }
  }

  @Test
  void aBadRegistrationIsRefused() {
    try (TcpClient c = hub.tcp()) {
      assertEquals("invalid_frame", ask(c, "hub.jobs.work", new JsonObject().put("commands", new JsonArray())).getString("error"));
      assertEquals("invalid_frame", ask(c, "hub.jobs.work", new JsonObject().put("commands", new JsonArray().add("x")).put("capacity", 0)).getString("error"));
    }
  }
}
