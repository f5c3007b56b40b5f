package io.junction.client;

import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class ReconnectTest {

  @Test
  void whenTheNodeRestartsOnItsPortSubscriptionsComeBackAndBufferedMessagesFollow() throws Exception {
    Path dir = Nodes.tempDir();
    EmbeddedNode node = Nodes.start(dir, 0);
    int port = node.tcpPort();
    Recorder r = new Recorder();
    try (JunctionClient c = JunctionClient.connect(r.options(port).reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500)).build())) {
      r.nextEvent(ConnectionEvent.Type.CONNECTED);
      c.subscribe("scope.lobby.restart", r).ready().get(10, TimeUnit.SECONDS);
      c.publish("scope.lobby.restart", "before");
      assertEquals("before", r.nextMessage().body().asText());

      node.close();
      r.nextError(ErrorId.SHUTTING_DOWN);
      r.nextEvent(ConnectionEvent.Type.DISCONNECTED);
      assertEquals(Status.RECONNECTING, c.status());
      c.publish("scope.lobby.restart", "while down");

      node = Nodes.start(dir, port);
      ConnectionEvent back = r.nextEventAfterAttempts(ConnectionEvent.Type.RECONNECTED, 30);
      assertEquals("tcp://127.0.0.1:" + port, back.server());
      r.nextEvent(ConnectionEvent.Type.RESUBSCRIBED);
      assertEquals("while down", r.nextMessage().body().asText(), "buffered while down, sent after the subscription came back");
      try (JunctionClient other = JunctionClient.connect(Options.builder().server("tcp://127.0.0.1:" + port).build())) {
        other.publishConfirmed("scope.lobby.restart", "after").get(10, TimeUnit.SECONDS);
      }
      assertEquals("after", r.nextMessage().body().asText());
      r.expectNoErrors();
    } finally {
      node.close();
    }
  }

  @Test
  void whenTheFirstServerDiesTheClientFailsOverToTheSecond() throws Exception {
    EmbeddedNode first = Nodes.start();
    EmbeddedNode second = Nodes.start();
    Recorder r = new Recorder();
    try (JunctionClient c = JunctionClient.connect(r.options(first.tcpPort(), second.tcpPort()).build())) {
      assertEquals("tcp://127.0.0.1:" + first.tcpPort(), r.nextEvent(ConnectionEvent.Type.CONNECTED).server());
      c.subscribe("scope.lobby.failover", r).ready().get(10, TimeUnit.SECONDS);
      first.close();
      r.nextEvent(ConnectionEvent.Type.DISCONNECTED);
      ConnectionEvent back = r.nextEventAfterAttempts(ConnectionEvent.Type.RECONNECTED, 30);
      assertEquals("tcp://127.0.0.1:" + second.tcpPort(), back.server());
      r.nextEvent(ConnectionEvent.Type.RESUBSCRIBED);
      try (JunctionClient pub = JunctionClient.connect(Options.builder().server("tcp://127.0.0.1:" + second.tcpPort()).build())) {
        pub.publishConfirmed("scope.lobby.failover", "on the second").get(10, TimeUnit.SECONDS);
      }
      assertEquals("on the second", r.nextMessage().body().asText());
    } finally {
      second.close();
    }
  }

  @Test
  void reconnectDropsTheConnectionAndComesBackAtOnceWithItsSubscriptions() throws Exception {
    try (EmbeddedNode node = Nodes.start()) {
      Recorder r = new Recorder();
      try (JunctionClient c = JunctionClient.connect(r.options(node.tcpPort())
        .reconnectDelay(Duration.ofSeconds(30), Duration.ofSeconds(30)).build())) {
        r.nextEvent(ConnectionEvent.Type.CONNECTED);
        c.subscribe("scope.lobby.network-changed", r).ready().get(10, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        c.reconnect();
        assertEquals("reconnect requested by the application", r.nextEvent(ConnectionEvent.Type.DISCONNECTED).reason());
        r.nextEvent(ConnectionEvent.Type.RECONNECTING);
        r.nextEvent(ConnectionEvent.Type.RECONNECTED);
        r.nextEvent(ConnectionEvent.Type.RESUBSCRIBED);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "no 30 s backoff wait before the attempt");
        c.publishConfirmed("scope.lobby.network-changed", "still here").get(10, TimeUnit.SECONDS);
        assertEquals("still here", r.nextMessage().body().asText());
      }
    }
  }

  @Test
  void aClientThatMayNotReconnectClosesAfterItsAttempts() {
    EmbeddedNode node = Nodes.start();
    Recorder r = new Recorder();
    try (JunctionClient c = JunctionClient.connect(r.options(node.tcpPort()).maxReconnects(2)
      .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(50)).build())) {
      node.close();
      r.nextEvent(ConnectionEvent.Type.CONNECTED);
      r.nextEvent(ConnectionEvent.Type.DISCONNECTED);
      r.nextEvent(ConnectionEvent.Type.RECONNECTING);
      r.nextEvent(ConnectionEvent.Type.RECONNECTING);
      ConnectionEvent closed = r.nextEvent(ConnectionEvent.Type.CLOSED);
      assertEquals(true, closed.reason().startsWith("gave up after 2 reconnect attempts"), closed.reason());
      assertEquals(Status.CLOSED, c.status());
    }
  }
}
