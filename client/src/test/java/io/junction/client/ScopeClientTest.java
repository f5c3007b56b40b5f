package io.junction.client;

import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scopes from the Java client: members and presence, direct messages, history, and recovery after an outage. */
@Timeout(90)
class ScopeClientTest {

  static EmbeddedNode node;

  @BeforeAll
  static void start() {
    node = Nodes.start("scopes.rules", "{\"lobby\": {\"join\": [\"anonymous\"], \"publish\": [\"anonymous\"], "
      + "\"subscribe\": [\"anonymous\"], \"history_size\": 100}, \"tiny\": {\"join\": [\"anonymous\"], "
      + "\"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"], \"history_size\": 2}, \"pair\": {\"join\": "
      + "[\"anonymous\"], \"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"], \"max_members\": 1}, "
      + "\"room*\": {\"join\": [\"anonymous\"], \"subscribe\": [\"anonymous\"]}}");
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Presence events as "join X" / "leave X" lines. */
  static final class Presence implements PresenceListener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void onJoin(Scope scope, ScopeMember member) {
      events.add("join " + member.client());
    }

    @Override
    public void onLeave(Scope scope, ScopeMember member) {
      events.add("leave " + member.client());
    }

    String next() throws InterruptedException {
      String e = events.poll(20, TimeUnit.SECONDS);
      assertNotNull(e, "no presence event within 20 s");
      return e;
    }
  }

  private static JunctionClient connect(int port, Recorder r) {
    return JunctionClient.connect(r.options(port).reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(300)).build());
  }

  private static List<String> clients(List<ScopeMember> members) {
    return members.stream().map(ScopeMember::client).collect(Collectors.toList());
  }

  @Test
  void joiningShowsTheMembersAndEveryoneLearnsOfJoinsAndLeaves() throws Exception {
    Presence seenByA = new Presence();
    try (JunctionClient a = connect(node.tcpPort(), new Recorder()); JunctionClient b = connect(node.tcpPort(), new Recorder())) {
      Scope sa = a.join("room1", Collections.singletonMap("name", "Ann"), seenByA).get(10, TimeUnit.SECONDS);
      assertEquals(Collections.singletonList(sa.clientId()), clients(sa.members()));
      assertEquals("Ann", sa.members().get(0).meta().path("name").asText());
      assertEquals("tcp", sa.members().get(0).transport());

      Scope sb = b.join("room1", Collections.singletonMap("name", "Bob"), null).get(10, TimeUnit.SECONDS);
      assertEquals(List.of(sa.clientId(), sb.clientId()), clients(sb.members()), "oldest first");
      assertEquals("join " + sb.clientId(), seenByA.next());
      assertEquals(List.of(sa.clientId(), sb.clientId()), clients(sa.members()));
      assertEquals(2, a.members("room1").get(10, TimeUnit.SECONDS).size(), "members on request");

      sb.leave().get(10, TimeUnit.SECONDS);
      assertEquals("leave " + sb.clientId(), seenByA.next());
      assertEquals(List.of(sa.clientId()), clients(sa.members()));
      assertFalse(sb.isActive());

      ExecutionException twice = assertThrows(ExecutionException.class, () -> a.join("room1").get(10, TimeUnit.SECONDS));
      assertEquals(ErrorId.ALREADY_JOINED, ((JunctionException) twice.getCause()).errorId());
    }
  }

  @Test
  void refusalsComeBackWithTheirIds() throws Exception {
    try (JunctionClient a = connect(node.tcpPort(), new Recorder()); JunctionClient b = connect(node.tcpPort(), new Recorder())) {
      ExecutionException denied = assertThrows(ExecutionException.class, () -> a.join("staff").get(10, TimeUnit.SECONDS));
      assertEquals(ErrorId.ACCESS_DENIED, ((JunctionException) denied.getCause()).errorId(), "the default rule wants a login");
      assertNotNull(a.join("pair").get(10, TimeUnit.SECONDS));
      ExecutionException full = assertThrows(ExecutionException.class, () -> b.join("pair").get(10, TimeUnit.SECONDS));
      assertEquals(ErrorId.SCOPE_FULL, ((JunctionException) full.getCause()).errorId());
      assertEquals(null, b.scope("pair"), "a refused join leaves nothing behind");
      ExecutionException gone = assertThrows(ExecutionException.class, () -> a.history("pair", -1, 10).get(10, TimeUnit.SECONDS));
      assertEquals(ErrorId.HISTORY_GONE, ((JunctionException) gone.getCause()).errorId(), "pair keeps no history");
    }
  }

  @Test
  void aDirectMessageReachesOnlyThatConnection() throws Exception {
    Recorder ra = new Recorder();
    Recorder rc = new Recorder();
    try (JunctionClient a = connect(node.tcpPort(), ra); JunctionClient b = connect(node.tcpPort(), new Recorder());
         JunctionClient c = connect(node.tcpPort(), rc)) {
      a.onDirect(m -> {
        if (m.replyAddress() != null) {
          m.reply("pong from a");
        } else {
          ra.onMessage(m);
        }
      });
      c.onDirect(rc);
      Scope sa = a.join("room2").get(10, TimeUnit.SECONDS);
      c.join("room2").get(10, TimeUnit.SECONDS);

      b.send("client." + sa.clientId(), "psst");
      assertEquals("psst", ra.nextMessage().body().asText());
      assertEquals("pong from a", b.request("client." + sa.clientId(), "ping").get(10, TimeUnit.SECONDS).body().asText());
      rc.expectNoMessage(300);

      ExecutionException denied = assertThrows(ExecutionException.class,
        () -> c.subscribe("client." + sa.clientId(), rc).ready().get(10, TimeUnit.SECONDS));
      assertEquals(ErrorId.ACCESS_DENIED, ((JunctionException) denied.getCause()).errorId(), "nobody registers there");
      ExecutionException nobody = assertThrows(ExecutionException.class,
        () -> b.request("client.nobody-here", "ping").get(10, TimeUnit.SECONDS));
      assertEquals(ErrorId.NO_HANDLERS, ((JunctionException) nobody.getCause()).errorId());
    }
  }

  @Test
  void afterAnOutageTheClientRejoinsAndRecoversExactlyWhatItMissedInOrder() throws Exception {
    Recorder r = new Recorder();
    Presence seenByB = new Presence();
    try (CuttableProxy proxy = new CuttableProxy(node.tcpPort());
         JunctionClient a = connect(proxy.port(), r); JunctionClient b = connect(node.tcpPort(), new Recorder())) {
      Scope sb = b.join("lobby", null, seenByB).get(10, TimeUnit.SECONDS);
      a.subscribe("scope.lobby.news", r).ready().get(10, TimeUnit.SECONDS);
      Scope sa = a.join("lobby", Collections.singletonMap("device", "laptop"), null).get(10, TimeUnit.SECONDS);
      String firstId = sa.clientId();
      assertEquals("join " + firstId, seenByB.next());
      for (int i = 1; i <= 2; i++) {
        b.publishConfirmed("scope.lobby.news", i).get(10, TimeUnit.SECONDS);
        Message m = r.nextMessage();
        assertEquals(i, m.body().asInt());
        assertEquals(m.seq(), sa.lastSeq());
      }

      proxy.cut();
      r.awaitEvent(ConnectionEvent.Type.DISCONNECTED, 20);
      assertEquals("leave " + firstId, seenByB.next(), "the hub saw the connection end");
      for (int i = 3; i <= 5; i++) {
        b.publishConfirmed("scope.lobby.news", i).get(10, TimeUnit.SECONDS);
      }
      b.publishConfirmed("scope.lobby.other", "not subscribed").get(10, TimeUnit.SECONDS);
      proxy.heal();

      ConnectionEvent recovered = r.awaitEvent(ConnectionEvent.Type.RECOVERED, 30);
      assertEquals("lobby", recovered.scope());
      assertTrue(recovered.reason().startsWith("3 messages"), recovered::reason);
      for (int i = 3; i <= 5; i++) {
        Message m = r.nextMessage();
        assertEquals(i, m.body().asInt(), "missed messages in order");
        assertEquals("scope.lobby.news", m.address());
      }
      assertEquals("join " + sa.clientId(), seenByB.next(), "joined again, as a new connection");
      assertTrue(!firstId.equals(sa.clientId()));
      b.publishConfirmed("scope.lobby.news", 6).get(10, TimeUnit.SECONDS);
      assertEquals(6, r.nextMessage().body().asInt());
      r.expectNoMessage(300);
      assertEquals(clients(sb.members()), clients(b.members("lobby").get(10, TimeUnit.SECONDS)));
      r.expectNoErrors();
    }
  }

  @Test
  void whenTheScopeNoLongerKeepsWhatWasMissedTheClientIsTold() throws Exception {
    Recorder r = new Recorder();
    try (CuttableProxy proxy = new CuttableProxy(node.tcpPort());
         JunctionClient a = connect(proxy.port(), r); JunctionClient b = connect(node.tcpPort(), new Recorder())) {
      a.subscribe("scope.tiny.t", r).ready().get(10, TimeUnit.SECONDS);
      a.join("tiny").get(10, TimeUnit.SECONDS);
      b.publishConfirmed("scope.tiny.t", 0).get(10, TimeUnit.SECONDS);
      assertEquals(0, r.nextMessage().body().asInt());
      proxy.cut();
      r.awaitEvent(ConnectionEvent.Type.DISCONNECTED, 20);
      for (int i = 1; i <= 4; i++) {
        b.publishConfirmed("scope.tiny.t", i).get(10, TimeUnit.SECONDS);
      }
      proxy.heal();
      ConnectionEvent lost = r.awaitEvent(ConnectionEvent.Type.MESSAGES_LOST, 30);
      assertEquals("tiny", lost.scope());
      assertTrue(lost.reason().contains("no longer kept"), lost::reason);
      b.publishConfirmed("scope.tiny.t", 5).get(10, TimeUnit.SECONDS);
      assertEquals(5, r.nextMessage().body().asInt(), "live messages go on");

      List<Message> kept = a.history("tiny", Long.MIN_VALUE, 10).get(10, TimeUnit.SECONDS);
      assertEquals(List.of(4, 5), kept.stream().map(m -> m.body().asInt()).collect(Collectors.toList()));
      assertEquals(kept.get(0).seq() + 1, kept.get(1).seq());
    }
  }
}
