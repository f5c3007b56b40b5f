package io.junction.hub;

import io.junction.testing.TcpClient;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/**
 * Cross-node steps that depend on a registration reaching the other node. Vert.x propagates a new registration to
 * the other members asynchronously (milliseconds), so the first publish may miss it: these helpers repeat the
 * action until its effect is seen, with a deadline, instead of sleeping.
 */
final class Eventually {

  private Eventually() {
  }

  /** Repeats {@code attempt} (which returns a result or throws when none came in time) for up to 20 s. */
  static <T> T until(Supplier<T> attempt) {
    long deadline = System.currentTimeMillis() + 20_000;
    AssertionError last = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        return attempt.get();
      } catch (AssertionError e) {
        last = e;
      }
    }
    throw new AssertionError("not seen within 20 s", last);
  }

  /** Publishes numbered bodies until {@code seen} returns one; returns the body seen. */
  static JsonObject publishUntilSeen(TcpClient pub, String address, Supplier<JsonObject> seen) {
    int[] n = {0};
    JsonObject got = until(() -> {
      pub.publish(address, new JsonObject().put("n", ++n[0]));
      return seen.get();
    });
    return got.getJsonObject("body");
  }

  /** Sends a request from {@code caller} that {@code service} answers with {"answer":42}; returns the reply frame. */
  static JsonObject request(TcpClient caller, String address, TcpClient service) {
    int[] n = {0};
    return until(() -> {
      String replyAddress = "r" + (++n[0]);
      caller.request(address, new JsonObject().put("q", 21), replyAddress);
      JsonObject first = caller.next(500);
      if (first.getString("type").equals("err")) {
        throw new AssertionError("not registered there yet: " + first);
      }
      return first;
    }, service);
  }

  private static JsonObject until(Supplier<JsonObject> attempt, TcpClient service) {
    Thread answering = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          JsonObject req = service.next(1000);
          service.send(new JsonObject().put("type", "send").put("address", req.getString("replyAddress"))
            .put("body", new JsonObject().put("answer", 42)));
        } catch (AssertionError e) {
          // nothing asked in this second; keep listening
        }
      }
    }, "test-service");
    answering.setDaemon(true);
    answering.start();
    try {
      return until(attempt);
    } finally {
      answering.interrupt();
    }
  }
}
