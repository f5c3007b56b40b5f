package io.junction.testing;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Frames a test client received, in order. The reader thread {@link #add}s them and calls {@link #end} when the
 * connection closes; the test takes them with {@link #next}.
 */
final class FrameQueue {

  private static final JsonObject END = new JsonObject().put("type", "<closed>");

  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final String errorIdField;
  private volatile boolean ended;

  /** @param errorIdField where the wire puts an error's id: {@code message} on TCP, {@code body} on SockJS/WebSocket */
  FrameQueue(String errorIdField) {
    this.errorIdField = errorIdField;
  }

  void add(JsonObject frame) {
    frames.add(frame);
  }

  void end() {
    ended = true;
    frames.add(END);
  }

  boolean ended() {
    return ended;
  }

  JsonObject next(long timeoutMs) {
    try {
      JsonObject f = frames.poll(timeoutMs, TimeUnit.MILLISECONDS);
      assertNotNull(f, "no frame within " + timeoutMs + " ms");
      if (f == END) {
        frames.add(END);
        fail("the connection closed while a frame was expected");
      }
      return f;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next frame, which must be an error with this id, in the wire's own field and in {@code error}. */
  JsonObject nextError(String id) {
    JsonObject f = next(10_000);
    assertEquals("err", f.getString("type"), () -> "expected an error frame, got " + f);
    assertEquals(id, f.getString(errorIdField), () -> "frame " + f);
    assertEquals(id, f.getString("error"), () -> "frame " + f);
    return f;
  }

  void expectNothing(long ms) {
    try {
      JsonObject f = frames.poll(ms, TimeUnit.MILLISECONDS);
      assertNull(f == END ? null : f, () -> "unexpected frame " + f);
      if (f == END) {
        frames.add(END);
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
