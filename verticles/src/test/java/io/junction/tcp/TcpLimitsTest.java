package io.junction.tcp;

import io.junction.bridge.SlowConsumerPolicy;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TcpLimitsTest {

  @Test
  void registrationsBeyondTheLimitAreRefused() {
    try (TestHub hub = TestHub.start(l -> l.setMaxRegistrations(2)); TcpClient c = hub.tcp()) {
      c.register("scope.lobby.a").register("scope.lobby.b").register("scope.lobby.c");
      c.nextError("too_many_registrations");
      c.unregister("scope.lobby.a").register("scope.lobby.c").sync();
    }
  }

  @Test
  void aSilentClientIsClosedAfterTheIdleTimeout() {
    try (TestHub hub = TestHub.start(l -> l.setIdleTimeoutSeconds(1)); TcpClient c = hub.tcp()) {
      JsonObject err = c.next(5000);
      assertEquals("idle_timeout", err.getString("error"));
      assertTrue(c.awaitClosed(5000));
    }
  }

  @Test
  void aClientThatPingsStaysOpen() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setIdleTimeoutSeconds(1)); TcpClient c = hub.tcp()) {
      for (int i = 0; i < 10; i++) {
        c.sync();
        Thread.sleep(250);
      }
      assertFalse(c.isClosed());
    }
  }

  @Test
  void aSlowConsumerIsDisconnectedWithAReason() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setOutboundBufferBytes(64 * 1024).setMaxOutboundBytes(256 * 1024)); Stalled s = new Stalled(hub.tcpPort())) {
      s.register("scope.lobby.firehose");
      int sent = flood(hub, "scope.lobby.firehose", 4000);
      awaitQuiet(() -> hub.core.stats().toJson().getLong("slowConsumersClosed"));
      Ending end = s.readToEnd();
      assertEquals("slow_consumer", end.error.getString("error"), end.error::encode);
      assertTrue(end.error.getString("detail").contains("limits.max_outbound_bytes"), end.error::encode);
      assertTrue(end.closed, "the connection should close after slow_consumer");
      assertTrue(end.messages < sent, "some messages must have been cut off, got " + end.messages);
      assertTrue(hub.core.stats().toJson().getLong("slowConsumersClosed") >= 1);
    }
  }

  @Test
  void withTheDropPolicyASlowConsumerIsToldHowManyMessagesItLost() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setOutboundBufferBytes(64 * 1024).setMaxOutboundBytes(256 * 1024).setSlowConsumer(SlowConsumerPolicy.DROP));
         Stalled s = new Stalled(hub.tcpPort())) {
      s.register("scope.lobby.firehose");
      int sent = flood(hub, "scope.lobby.firehose", 4000);
      awaitQuiet(() -> hub.core.stats().droppedMessages());
      Ending end = s.readToEnd();
      assertEquals("slow_consumer", end.error.getString("error"), end.error::encode);
      assertFalse(end.closed, "with the drop policy the connection stays open");
      Matcher m = Pattern.compile("^(\\d+) messages were dropped").matcher(end.error.getString("detail"));
      assertTrue(m.find(), end.error::encode);
      long dropped = Long.parseLong(m.group(1));
      assertTrue(dropped > 0);
      assertEquals(sent, end.messages + dropped, "every message was either delivered or counted as dropped");
      assertEquals(dropped, hub.core.stats().droppedMessages());
    }
  }

  /**
   * Waits until {@code counter} is positive and has not moved for half a second: the hub has handled the whole
   * flood (delivering or dropping), so the stalled client may start reading. Reading earlier would make it fast.
   */
  static void awaitQuiet(java.util.function.LongSupplier counter) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    long last = -1;
    long stableSince = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      long now = counter.getAsLong();
      if (now != last) {
        last = now;
        stableSince = System.currentTimeMillis();
      } else if (now > 0 && System.currentTimeMillis() - stableSince > 500) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the hub never started limiting the stalled client (counter " + last + ")");
  }

  /** Publishes {@code n} messages of 10 KB from the bus; returns n. */
  static int flood(TestHub hub, String address, int n) {
    JsonObject body = new JsonObject().put("pad", "p".repeat(10_000));
    for (int i = 0; i < n; i++) {
      hub.vertx.eventBus().publish(address, body);
    }
    return n;
  }

  @Test
  void requestsBeyondTheInflightLimitAreRefused() {
    try (TestHub hub = TestHub.start(l -> l.setMaxInflightRequests(1)); TcpClient silent = hub.tcp(); TcpClient c = hub.tcp()) {
      silent.register("scope.lobby.slow").sync();
      c.request("scope.lobby.slow", 1, "first");
      c.request("scope.lobby.slow", 2, "second");
      JsonObject err = c.next();
      assertEquals("second", err.getString("address"));
      assertEquals("too_many_requests", err.getString("error"));
    }
  }

  @Test
  void requestsToAClientHoldingTooManyUnansweredOnesFail() {
    try (TestHub hub = TestHub.start(l -> l.setMaxPendingReplies(1)); TcpClient c = hub.tcp()) {
      c.register("scope.lobby.busy").sync();
      hub.vertx.eventBus().request("scope.lobby.busy", 1);
      var second = hub.vertx.eventBus().request("scope.lobby.busy", 2);
      ReplyException e = failure(second);
      assertEquals(4008, e.failureCode());
    }
  }

  @Test
  void requestsToAClientThatLeavesFailAtOnce() {
    try (TestHub hub = TestHub.start(); TcpClient c = hub.tcp()) {
      c.register("scope.lobby.leaving").sync();
      var req = hub.vertx.eventBus().request("scope.lobby.leaving", 1);
      c.next();
      c.close();
      assertEquals(5004, failure(req).failureCode());
    }
  }

  @Test
  void theReplyTimeoutLimitBoundsEveryRequest() {
    try (TestHub hub = TestHub.start(l -> l.setReplyTimeoutMs(300)); TcpClient silent = hub.tcp(); TcpClient c = hub.tcp()) {
      silent.register("scope.lobby.mute").sync();
      c.send(new JsonObject().put("type", "send").put("address", "scope.lobby.mute").put("body", 1)
        .put("replyAddress", "r").put("headers", new JsonObject().put("timeout", 600_000)));
      assertEquals("timeout", c.next(5000).getString("error"));
    }
  }

  private static ReplyException failure(io.vertx.core.Future<?> f) {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (ReplyException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a ReplyException", e);
    }
    throw new AssertionError("expected the request to fail");
  }

  /** A client that registers, then does not read until told to: its socket buffers fill up. */
  static final class Stalled implements AutoCloseable {
    private final Socket socket;

    Stalled(int port) throws IOException {
      socket = new Socket();
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
    }

    void register(String address) throws IOException {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      for (String f : new String[] {"{\"type\":\"register\",\"address\":\"" + address + "\"}", "{\"type\":\"ping\"}"}) {
        byte[] b = f.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      }
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] pong = new byte[in.readInt()];
      in.readFully(pong);
    }

    /** Reads {@code n} messages; fails on an error frame or when they do not all come within 10 s. */
    void readMessages(int n) throws IOException {
      socket.setSoTimeout(10_000);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      for (int i = 0; i < n; i++) {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        String f = new String(b, StandardCharsets.UTF_8);
        if (!f.startsWith("{\"type\":\"message\"")) {
          throw new AssertionError("message " + i + " of " + n + " was " + f);
        }
      }
    }

    /** Reads messages until the first error frame; then whether the server closed the connection. */
    Ending readToEnd() throws IOException {
      socket.setSoTimeout(10_000);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int messages = 0;
      while (true) {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        JsonObject f = new JsonObject(new String(b, StandardCharsets.UTF_8));
        if (f.getString("type").equals("err")) {
          return new Ending(messages, f, closedAfter(in));
        }
        messages++;
      }
    }

    private boolean closedAfter(DataInputStream in) throws IOException {
      socket.setSoTimeout(1000);
      try {
        in.readInt();
        return false;
      } catch (EOFException e) {
        return true;
      } catch (java.net.SocketTimeoutException e) {
        return false;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  static final class Ending {
    final int messages;
    final JsonObject error;
    final boolean closed;

    Ending(int messages, JsonObject error, boolean closed) {
      this.messages = messages;
      this.error = error;
      this.closed = closed;
    }
  }
}
