package io.junction.client;

import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every hub error a client can meet through the public API, as a JunctionException with its id. */
@Timeout(90)
class ClientErrorsTest {

  static EmbeddedNode node;

  @BeforeAll
  static void start() {
    node = Nodes.start("limits.max_registrations", "3", "limits.max_inflight_requests", "2",
      "limits.max_pending_replies", "1", "limits.outbound_buffer_bytes", "65536", "limits.max_outbound_bytes", "262144");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JunctionClient connect(Recorder r) {
    return JunctionClient.connect(r.options(node.tcpPort()).build());
  }

  private static ErrorId failure(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
    return ((JunctionException) e.getCause()).errorId();
  }

  @Test
  void accessDeniedFailsTheCallItConcerns() {
    Recorder r = new Recorder();
    try (JunctionClient c = connect(r)) {
      assertEquals(ErrorId.ACCESS_DENIED, failure(c.subscribe("secret.x", r).ready()));
      assertEquals(ErrorId.ACCESS_DENIED, failure(c.publishConfirmed("secret.x", 1)));
      assertEquals(ErrorId.ACCESS_DENIED, failure(c.request("secret.x", 1)));
      r.nextError(ErrorId.ACCESS_DENIED);
      c.publish("secret.x", 1);
      assertEquals(2001, r.nextError(ErrorId.ACCESS_DENIED).failureCode());
    }
  }

  @Test
  void noHandlersAndTimeout() {
    try (JunctionClient c = connect(new Recorder()); JunctionClient silent = connect(new Recorder())) {
      assertEquals(ErrorId.NO_HANDLERS, failure(c.request("scope.lobby.nobody", 1)));
      silent.subscribe("scope.lobby.silent", m -> { }).ready().join();
      assertEquals(ErrorId.TIMEOUT, failure(c.request("scope.lobby.silent", 1, null, Duration.ofMillis(300))));
    }
  }

  @Test
  void addressTooLongAndTooManyRegistrations() {
    Recorder r = new Recorder();
    try (JunctionClient c = connect(r)) {
      assertEquals(ErrorId.ADDRESS_TOO_LONG, failure(c.subscribe("scope.lobby." + String.join("", Collections.nCopies(200, "a")), r).ready()));
      for (int i = 0; i < 3; i++) {
        c.subscribe("scope.lobby.reg" + i, r).ready().join();
      }
      assertEquals(ErrorId.TOO_MANY_REGISTRATIONS, failure(c.subscribe("scope.lobby.reg3", r).ready()));
    }
  }

  @Test
  void tooManyRequestsInFlight() {
    // two silent subscribers, served in turn, each hold one request (this node's max_pending_replies is 1)
    try (JunctionClient c = connect(new Recorder()); JunctionClient silent = connect(new Recorder());
         JunctionClient silent2 = connect(new Recorder())) {
      silent.subscribe("scope.lobby.slowpoke", m -> { }).ready().join();
      silent2.subscribe("scope.lobby.slowpoke", m -> { }).ready().join();
      c.request("scope.lobby.slowpoke", 1, null, Duration.ofSeconds(10));
      c.request("scope.lobby.slowpoke", 2, null, Duration.ofSeconds(10));
      assertEquals(ErrorId.TOO_MANY_REQUESTS, failure(c.request("scope.lobby.slowpoke", 3, null, Duration.ofSeconds(10))));
    }
  }

  @Test
  void tooManyPendingRepliesAndConnectionClosed() throws Exception {
    try (JunctionClient caller = connect(new Recorder())) {
      CountDownLatch asked = new CountDownLatch(1);
      JunctionClient holder = connect(new Recorder());
      holder.subscribe("scope.lobby.holder", m -> asked.countDown()).ready().join();
      CompletableFuture<Message> first = caller.request("scope.lobby.holder", 1, null, Duration.ofSeconds(20));
      asked.await(10, TimeUnit.SECONDS);
      assertEquals(ErrorId.TOO_MANY_PENDING_REPLIES, failure(caller.request("scope.lobby.holder", 2, null, Duration.ofSeconds(20))));
      holder.close();
      assertEquals(ErrorId.CONNECTION_CLOSED, failure(first));
    }
  }

  @Test
  void aFrameTooLargeClosesTheConnectionAndTheClientReconnects() throws Exception {
    Recorder r = new Recorder();
    try (JunctionClient c = connect(r)) {
      r.nextEvent(ConnectionEvent.Type.CONNECTED);
      c.subscribe("scope.lobby.after-big", r).ready().join();
      c.publish("scope.lobby.big", String.join("", Collections.nCopies(70_000, "x")));
      r.nextError(ErrorId.FRAME_TOO_LARGE);
      r.nextEvent(ConnectionEvent.Type.DISCONNECTED);
      r.nextEventAfterAttempts(ConnectionEvent.Type.RECONNECTED, 20);
      r.nextEvent(ConnectionEvent.Type.RESUBSCRIBED);
      c.publishConfirmed("scope.lobby.after-big", "fine").get(10, TimeUnit.SECONDS);
      assertEquals("fine", r.nextMessage().body().asText());
    }
  }

  @Test
  void aSubscriberThatStopsReadingIsCutOffAsASlowConsumerAndComesBack() throws Exception {
    Recorder r = new Recorder();
    CountDownLatch release = new CountDownLatch(1);
    // a direct executor: the blocked handler blocks the reader, so the socket stops being read
    try (JunctionClient slow = JunctionClient.connect(r.options(node.tcpPort()).executor(Runnable::run).build());
         JunctionClient pub = connect(new Recorder())) {
      slow.subscribe("scope.lobby.firehose", m -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }).ready().join();
      RawJson pad = RawJson.of("\"" + String.join("", Collections.nCopies(10_000, "p")) + "\"");
      for (int i = 0; i < 2000; i++) {
        pub.publish("scope.lobby.firehose", pad);
      }
      pub.publishConfirmed("scope.lobby.other", 1).get(20, TimeUnit.SECONDS);
      release.countDown();
      r.nextError(ErrorId.SLOW_CONSUMER);
      r.nextEvent(ConnectionEvent.Type.CONNECTED);
      r.nextEvent(ConnectionEvent.Type.DISCONNECTED);
      r.nextEventAfterAttempts(ConnectionEvent.Type.RECONNECTED, 20);
    }
  }

  @Test
  void anIdleClientIsClosedWithIdleTimeout() {
    try (EmbeddedNode strict = Nodes.start("limits.idle_timeout_seconds", "1")) {
      Recorder r = new Recorder();
      try (JunctionClient c = JunctionClient.connect(r.options(strict.tcpPort()).pingInterval(Duration.ofSeconds(30)).build())) {
        r.nextError(ErrorId.IDLE_TIMEOUT);
      }
    }
  }

  @Test
  void aStoppingNodeSaysShuttingDown() {
    Recorder r = new Recorder();
    EmbeddedNode doomed = Nodes.start();
    try (JunctionClient c = JunctionClient.connect(r.options(doomed.tcpPort()).maxReconnects(0).build())) {
      r.nextEvent(ConnectionEvent.Type.CONNECTED);
      doomed.close();
      r.nextError(ErrorId.SHUTTING_DOWN);
      r.nextEvent(ConnectionEvent.Type.DISCONNECTED);
    }
  }

  @Test
  void aRequestWhoseConnectionDiesIsLost() throws Exception {
    try (JunctionClient c = connect(new Recorder()); JunctionClient silent = connect(new Recorder())) {
      silent.subscribe("scope.lobby.never-answers", m -> { }).ready().join();
      CompletableFuture<Message> inFlight = c.request("scope.lobby.never-answers", 1, null, Duration.ofSeconds(30));
      c.ping().get(10, TimeUnit.SECONDS);
      c.reconnect();
      assertEquals(ErrorId.CONNECTION_LOST, failure(inFlight));
    }
  }

  @Test
  void theReconnectBufferHasALimit() {
    Recorder r = new Recorder();
    EmbeddedNode doomed = Nodes.start();
    try (JunctionClient c = JunctionClient.connect(r.options(doomed.tcpPort()).reconnectBufferBytes(1000).build())) {
      doomed.close();
      r.nextEvent(ConnectionEvent.Type.CONNECTED);
      r.nextEvent(ConnectionEvent.Type.DISCONNECTED);
      String body = String.join("", Collections.nCopies(100, "b"));
      int accepted = 0;
      JunctionException full = null;
      for (int i = 0; i < 20 && full == null; i++) {
        try {
          c.publish("scope.lobby.buffered", body);
          accepted++;
        } catch (JunctionException e) {
          full = e;
        }
      }
      assertEquals(ErrorId.BUFFER_FULL, full == null ? null : full.errorId());
      assertEquals(6, accepted, "six frames of about 160 bytes fit in 1000 bytes");
    }
  }

  @Test
  void everyErrorIdOfTheRegistryDecodesToItsException() throws Exception {
    for (ErrorId id : ErrorId.values()) {
      if (id.code() >= 9000) {
        continue;
      }
      String tcpError = "{\"type\":\"err\",\"message\":\"" + id.id() + "\",\"error\":\"" + id.id() + "\",\"code\":" + id.code() + ",\"detail\":\"d\"}";
      JunctionException e = Frames.decode(tcpError.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toException();
      assertEquals(id, e.errorId());
      assertEquals(id.code(), e.failureCode());
    }
    String busFailure = "{\"type\":\"err\",\"address\":\"r\",\"sourceAddress\":\"a\",\"failureCode\":-1,\"failureType\":\"NO_HANDLERS\",\"message\":\"No handlers\",\"error\":\"no_handlers\",\"code\":5001}";
    JunctionException e = Frames.decode(busFailure.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toException();
    assertEquals(ErrorId.NO_HANDLERS, e.errorId());
    assertEquals(-1, e.failureCode());
    String stock = "{\"type\":\"err\",\"message\":\"access_denied\"}";
    assertEquals(ErrorId.ACCESS_DENIED, Frames.decode(stock.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toException().errorId());
    String newer = "{\"type\":\"err\",\"error\":\"from_the_future\",\"code\":8001}";
    assertEquals(ErrorId.UNKNOWN, Frames.decode(newer.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toException().errorId());
  }
}
