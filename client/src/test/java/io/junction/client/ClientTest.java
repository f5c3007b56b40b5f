package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ClientTest {

  static EmbeddedNode node;

  @BeforeAll
  static void start() {
    node = Nodes.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JunctionClient connect(Recorder r) {
    return JunctionClient.connect(r.options(node.tcpPort()).build());
  }

  @Test
  void connectsAndReportsConnected() {
    Recorder r = new Recorder();
    try (JunctionClient c = connect(r)) {
      assertEquals(Status.CONNECTED, c.status());
      assertEquals(URI.create("tcp://127.0.0.1:" + node.tcpPort()), c.currentServer());
      r.nextEvent(ConnectionEvent.Type.CONNECTED);
    }
    r.nextEvent(ConnectionEvent.Type.CLOSED);
  }

  @Test
  void publishedMessagesReachEverySubscriber() throws Exception {
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    try (JunctionClient subA = connect(a); JunctionClient subB = connect(b); JunctionClient pub = connect(new Recorder())) {
      subA.subscribe("scope.lobby.client", a).ready().get(10, TimeUnit.SECONDS);
      subB.subscribe("scope.lobby.client", b).ready().get(10, TimeUnit.SECONDS);
      pub.publish("scope.lobby.client", Collections.singletonMap("n", 1), Collections.singletonMap("h", "v"));
      for (Recorder r : new Recorder[] {a, b}) {
        Message m = r.nextMessage();
        assertEquals("scope.lobby.client", m.address());
        assertEquals(1, m.body().get("n").asInt());
        assertEquals("v", m.headers().get("h"));
        assertFalse(m.isSend());
      }
    }
  }

  @Test
  void bodiesRoundTripAsJsonValuesPojosAndRawJson() throws Exception {
    Recorder r = new Recorder();
    try (JunctionClient c = connect(r)) {
      c.subscribe("scope.lobby.bodies", r).ready().get(10, TimeUnit.SECONDS);
      c.publish("scope.lobby.bodies", new Point(3, 4));
      c.publish("scope.lobby.bodies", RawJson.of("[1, \"two\", {\"three\": 3}]"));
      c.publish("scope.lobby.bodies", "caf\u00e9 \"quoted\"");
      c.publish("scope.lobby.bodies", null);
      assertEquals(new Point(3, 4), r.nextMessage().bodyAs(Point.class));
      assertEquals("[1, \"two\", {\"three\": 3}]", r.nextMessage().bodyText());
      assertEquals("caf\u00e9 \"quoted\"", r.nextMessage().body().asText());
      assertTrue(r.nextMessage().body().isNull());
    }
  }

  /** A POJO body. */
  public static final class Point {
    public int x;
    public int y;

    public Point() {
    }

    Point(int x, int y) {
      this.x = x;
      this.y = y;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Point && ((Point) o).x == x && ((Point) o).y == y;
    }

    @Override
    public int hashCode() {
      return 31 * x + y;
    }
  }

  @Test
  void requestsGetReplies() throws Exception {
    try (JunctionClient c = connect(new Recorder())) {
      Message reply = c.request("hub.echo", Collections.singletonMap("q", "?")).get(10, TimeUnit.SECONDS);
      assertEquals("?", reply.body().get("q").asText());
      assertEquals("{\"x\":1}", c.request("hub.echo", RawJson.of("{\"x\":1}"), Duration.ofSeconds(5)).bodyText());
    }
  }

  @Test
  void aClientAnswersRequestsFromAnotherClientAndFailsThemWithACode() throws Exception {
    try (JunctionClient service = connect(new Recorder()); JunctionClient caller = connect(new Recorder())) {
      service.subscribe("scope.lobby.double", m -> {
        int n = m.body().get("n").asInt();
        if (n < 0) {
          m.fail(42, "negative");
        } else {
          m.reply(Collections.singletonMap("twice", n * 2));
        }
      }).ready().get(10, TimeUnit.SECONDS);
      Message reply = caller.request("scope.lobby.double", Collections.singletonMap("n", 21), Duration.ofSeconds(5));
      assertEquals(42, reply.body().get("twice").asInt());
      JunctionException e = assertThrows(JunctionException.class,
        () -> caller.request("scope.lobby.double", Collections.singletonMap("n", -1), Duration.ofSeconds(5)));
      assertEquals(ErrorId.RECIPIENT_FAILURE, e.errorId());
      assertEquals(42, e.failureCode());
      assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }
  }

  @Test
  void aClientAnswersARequestFromTheBusMadeOverHttp() throws Exception {
    try (JunctionClient service = connect(new Recorder())) {
      service.subscribe("scope.lobby.http-asks", m -> m.reply(Collections.singletonMap("answer", m.body().get("q").asText() + "!")))
        .ready().get(10, TimeUnit.SECONDS);
      HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + node.httpPort() + "/api/send/scope.lobby.http-asks"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"q\":\"hi\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, resp.statusCode());
      assertEquals("{\"answer\":\"hi!\"}", resp.body());
    }
  }

  @Test
  void aRequestCanBeMadeFromInsideAHandler() throws Exception {
    try (JunctionClient c = connect(new Recorder())) {
      List<String> seen = new CopyOnWriteArrayList<>();
      c.subscribe("scope.lobby.nested", m -> {
        try {
          seen.add(c.request("hub.echo", m.body(), Duration.ofSeconds(5)).bodyText());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }).ready().get(10, TimeUnit.SECONDS);
      c.publish("scope.lobby.nested", "inside");
      assertTrue(io.junction.testing.Await.until(() -> !seen.isEmpty(), 10_000));
      assertEquals(List.of("\"inside\""), seen);
    }
  }

  @Test
  void severalHandlersOnOneAddressShareOneRegistrationAndUnsubscribeSeparately() throws Exception {
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    try (JunctionClient c = connect(new Recorder()); JunctionClient pub = connect(new Recorder())) {
      Subscription s1 = c.subscribe("scope.lobby.shared", first);
      Subscription s2 = c.subscribe("scope.lobby.shared", second);
      s2.ready().get(10, TimeUnit.SECONDS);
      pub.publishConfirmed("scope.lobby.shared", 1).get(10, TimeUnit.SECONDS);
      assertEquals(1, first.nextMessage().body().asInt());
      assertEquals(1, second.nextMessage().body().asInt());
      s1.unsubscribe();
      assertFalse(s1.isActive());
      pub.publishConfirmed("scope.lobby.shared", 2).get(10, TimeUnit.SECONDS);
      assertEquals(2, second.nextMessage().body().asInt());
      first.expectNoMessage(300);
      s2.unsubscribe();
      pub.publishConfirmed("scope.lobby.shared", 3).get(10, TimeUnit.SECONDS);
      second.expectNoMessage(300);
    }
  }

  @Test
  void pingMeasuresTheRoundTrip() throws Exception {
    try (JunctionClient c = connect(new Recorder())) {
      Duration rtt = c.ping().get(10, TimeUnit.SECONDS);
      assertTrue(rtt.toNanos() > 0 && rtt.toMillis() < 10_000, rtt::toString);
    }
  }

  @Test
  void handlersRunOnTheExecutorGiven() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, "my-ui-thread"));
    Recorder r = new Recorder();
    try (JunctionClient c = JunctionClient.connect(r.options(node.tcpPort()).executor(mine).build())) {
      c.subscribe("scope.lobby.threads", m -> {
        threads.add(Thread.currentThread().getName());
        r.onMessage(m);
      }).ready().get(10, TimeUnit.SECONDS);
      c.publish("scope.lobby.threads", 1);
      r.nextMessage();
      assertEquals(List.of("my-ui-thread"), threads);
      JsonNode echoed = c.request("hub.echo", 5).thenApply(m -> {
        threads.add(Thread.currentThread().getName());
        return m.body();
      }).get(10, TimeUnit.SECONDS);
      assertEquals(5, echoed.asInt());
      assertEquals(List.of("my-ui-thread", "my-ui-thread"), threads);
    } finally {
      mine.shutdown();
    }
  }

  @Test
  void aClosedClientRefusesCalls() {
    JunctionClient c = connect(new Recorder());
    c.close();
    assertEquals(Status.CLOSED, c.status());
    assertEquals(ErrorId.CLIENT_CLOSED, assertThrows(JunctionException.class, () -> c.publish("scope.lobby.x", 1)).errorId());
    assertEquals(ErrorId.CLIENT_CLOSED, assertThrows(JunctionException.class, () -> c.subscribe("scope.lobby.x", m -> { })).errorId());
    c.close();
  }

  @Test
  void connectingToNothingFailsWithConnectFailed() {
    JunctionException e = assertThrows(JunctionException.class, () -> JunctionClient.connect(Options.builder()
      .server("tcp://127.0.0.1:1").connectTimeout(Duration.ofSeconds(2)).build()));
    assertEquals(ErrorId.CONNECT_FAILED, e.errorId());
    assertTrue(e.getMessage().contains("tcp://127.0.0.1:1"), e.getMessage());
  }

  @Test
  void optionsRejectBadValues() {
    assertThrows(IllegalArgumentException.class, () -> Options.builder().server("http://x:1"));
    assertThrows(IllegalArgumentException.class, () -> Options.builder().server("tcp://nohost"));
    assertThrows(IllegalArgumentException.class, () -> Options.builder().pingInterval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Options.builder().reconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> Options.builder().maxReconnects(-2));
    Options o = Options.builder().build();
    assertEquals(List.of(URI.create(Options.DEFAULT_SERVER)), o.servers());
    assertEquals(Duration.ofSeconds(5), o.pingInterval());
    assertEquals(-1, o.maxReconnects());
    assertThrows(UnsupportedOperationException.class, () -> o.servers().add(URI.create("tcp://x:1")));
  }
}
