package io.junction.hub;

import io.junction.testing.Await;
import io.junction.testing.Http;
import io.junction.testing.TcpClient;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import static io.junction.hub.ScopeCalls.ask;
import static io.junction.hub.ScopeCalls.eventAbout;
import static io.junction.hub.ScopeCalls.join;
import static io.junction.hub.ScopeCalls.membersFrom;
import static io.junction.hub.ScopeCalls.name;
import static io.junction.hub.ScopeCalls.names;
import static io.junction.hub.ScopeCalls.next;
import static io.junction.hub.ScopeCalls.publishKept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scopes across three clustered nodes in this JVM: one member list and one history for the whole cluster,
 * presence events everywhere, direct messages to a connection on another node, large payloads across nodes and
 * transports, and the members of a stopping node leaving.
 */
@Timeout(180)
class ScopeClusterIT {

  static final int MAX_FRAME = 1024 * 1024;

  @TempDir
  static Path dir;
  static JunctionNode a;
  static JunctionNode b;
  static JunctionNode c;

  static JunctionNode start(String name) {
    Map<String, String> o = Nodes.testOverrides(dir.resolve(name), name, true);
    o.put("limits.max_frame_bytes", String.valueOf(MAX_FRAME));
    o.put("scopes.rules", "{\"lobby\": {\"join\": [\"anonymous\"], \"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"], "
      + "\"history_size\": 100}, \"t-*\": {\"join\": [\"anonymous\"], \"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"], "
      + "\"history_size\": 20}}");
    return Nodes.start(o);
  }

  @BeforeAll
  static void start() {
    a = start("a");
    b = start("b");
    c = start("c");
  }

  @AfterAll
  static void stop() {
    for (JunctionNode n : new JunctionNode[] {c, b, a}) {
      if (n != null) {
        n.stop();
      }
    }
  }

  /**
   * Registrations reach the other nodes asynchronously: joins and leaves by a probe on {@code node} until
   * {@code observer} sees a presence event from there.
   */
  static void awaitPresenceFrom(JunctionNode node, String scope, LongFunction<JsonObject> observer) {
    try (TcpClient probe = TcpClient.connect(node.tcpPort())) {
      Eventually.until(() -> {
        join(probe::send, probe::next, scope, "probe");
        ask(probe::send, probe::next, "hub.scope.leave", new JsonObject().put("scope", scope));
        JsonObject e = observer.apply(300);
        assertEquals("probe", name(e.getJsonObject("body")), e::encode);
        return e;
      });
    }
  }

  @Test
  void membersJoiningOnThreeNodesSeeOneListAndEachOthersEvents() {
    try (TcpClient onA = TcpClient.connect(a.tcpPort()); WsClient onB = WsClient.connect(b.httpPort());
         TcpClient onC = TcpClient.connect(c.tcpPort()); TcpClient watcher = TcpClient.connect(b.tcpPort())) {
      JsonObject first = join(onA::send, onA::next, "t-three", "ann");
      assertEquals(List.of("ann"), names(first.getJsonArray("members")));
      JsonObject r = ask(onB::send, onB::next, "hub.scope.join", new JsonObject().put("scope", "t-three").put("meta", new JsonObject().put("name", "bob")));
      JsonObject second = r.getJsonObject("body");
      assertEquals(List.of("ann", "bob"), names(second.getJsonArray("members")), "the list comes from the cluster");
      assertEquals("websocket", second.getJsonArray("members").getJsonObject(1).getString("transport"));
      assertEquals("b", second.getJsonArray("members").getJsonObject(1).getString("node"));

      watcher.register("scope.t-three.presence").sync();
      awaitPresenceFrom(c, "t-three", ms -> next(() -> watcher.next(ms), "scope.t-three.presence"));

      JsonObject third = join(onC::send, onC::next, "t-three", "cid");
      assertEquals(List.of("ann", "bob", "cid"), names(third.getJsonArray("members")));
      JsonObject joined = eventAbout(watcher::next, "t-three", "cid");
      assertEquals("join", joined.getString("event"));
      assertEquals("cid", joined.getJsonObject("member").getJsonObject("meta").getString("name"));
      assertEquals("c", joined.getJsonObject("member").getString("node"));
      for (JunctionNode n : List.of(a, b, c)) {
        assertEquals(List.of("ann", "bob", "cid"), membersFrom(n.httpPort(), "t-three"), "the same list from every node");
      }

      onC.close();
      JsonObject left = eventAbout(watcher::next, "t-three", "cid");
      assertEquals("leave", left.getString("event"));
      assertEquals(third.getString("client"), left.getJsonObject("member").getString("client"));
      assertEquals(List.of("ann", "bob"), membersFrom(a.httpPort(), "t-three"));
    }
  }

  @Test
  void historyIsOneSequenceForTheClusterAndReadableFromEveryNode() {
    try (TcpClient onA = TcpClient.connect(a.tcpPort()); TcpClient onC = TcpClient.connect(c.tcpPort())) {
      long s1 = publishKept(onA::send, onA::next, "scope.t-history.x", "from a");
      long s2 = publishKept(onC::send, onC::next, "scope.t-history.x", "from c");
      long s3 = publishKept(onA::send, onA::next, "scope.t-history.y", "from a again");
      assertEquals(List.of(s1 + 1, s1 + 2), List.of(s2, s3), "one sequence, whichever node took the message");
      HttpResponse<String> r = new Http(b.httpPort()).post("/api/send/hub.scope.history",
        new JsonObject().put("scope", "t-history").put("after", s1 - 1).encode());
      assertEquals(200, r.statusCode(), r.body());
      JsonArray messages = new JsonObject(r.body()).getJsonArray("messages");
      assertEquals(List.of("from a", "from c", "from a again"),
        messages.stream().map(m -> ((JsonObject) m).getString("body")).collect(Collectors.toList()));
      assertEquals("scope.t-history.y", messages.getJsonObject(2).getString("address"));
    }
  }

  @Test
  void publishesOfOneConnectionIntoAHistoryScopeArePipelinedAndStayInOrder() {
    try (TcpClient pub = TcpClient.connect(a.tcpPort()); TcpClient sub = TcpClient.connect(b.tcpPort())) {
      sub.register("scope.t-history.burst").sync();
      // a registration reaches the other nodes' view of the cluster asynchronously: probe until a publish from a
      // arrives on b (each probe is an object; the burst below publishes numbers)
      Eventually.publishUntilSeen(pub, "scope.t-history.burst", () -> sub.next(200));
      int n = 400;
      for (int i = 0; i < n; i++) {
        // every other one acknowledged; a register in the middle must wait for the publishes before it
        JsonObject f = new JsonObject().put("type", "publish").put("address", "scope.t-history.burst").put("body", i);
        pub.send(i % 2 == 0 ? f.put("replyAddress", "ack-" + i) : f);
        if (i == n / 2) {
          pub.send(new JsonObject().put("type", "register").put("address", "scope.t-history.other").put("replyAddress", "reg"));
        }
      }
      long lastSeq = -1;
      for (int i = 0; i < n; i++) {
        JsonObject m = sub.next();
        if (i == 0 && m.getValue("body") instanceof JsonObject) {
          i--;
          continue; // a probe still on its way: none can come after the first number
        }
        assertEquals(i, m.getInteger("body"), m::encode);
        long seq = Long.parseLong(m.getJsonObject("headers").getString("seq"));
        assertTrue(seq > lastSeq, "seq " + seq + " after " + lastSeq);
        lastSeq = seq;
      }
      List<String> answers = new java.util.ArrayList<>();
      for (int i = 0; i < n / 2 + 1; i++) {
        answers.add(pub.next().getString("address"));
      }
      List<String> expected = new java.util.ArrayList<>();
      for (int i = 0; i < n; i += 2) {
        expected.add("ack-" + i);
        if (i == n / 2) {
          expected.add("reg");
        }
      }
      assertEquals(expected, answers, "acknowledgements in the order of the frames");
    }
  }

  @Test
  void aDirectMessageCrossesNodesToThatConnectionOnly() {
    try (TcpClient target = TcpClient.connect(a.tcpPort()); TcpClient bystander = TcpClient.connect(a.tcpPort());
         TcpClient sender = TcpClient.connect(c.tcpPort())) {
      String id = join(target::send, target::next, "t-direct", "target").getString("client");
      join(bystander::send, bystander::next, "t-direct", "bystander");
      JsonObject got = Eventually.until(() -> {
        sender.send(new JsonObject().put("type", "send").put("address", "client." + id).put("body", "psst"));
        return target.next(500);
      });
      assertEquals("client." + id, got.getString("address"));
      assertEquals("psst", got.getString("body"));
      bystander.expectNothing(300);
    }
  }

  @Test
  void aHalfMegabyteImageCrossesFromTcpOnOneNodeToWebSocketOnAnother() throws Exception {
    byte[] image = new byte[512 * 1024];
    new Random(7).nextBytes(image);
    JsonObject body = new JsonObject().put("name", "photo.jpg").put("data", Base64.getEncoder().encodeToString(image));
    try (TcpClient pub = TcpClient.connect(a.tcpPort()); WsClient sub = WsClient.connect(b.httpPort())) {
      sub.register("scope.t-large.image").sync();
      Eventually.publishUntilSeen(pub, "scope.t-large.image", () -> next(() -> sub.next(), "scope.t-large.image"));
      pub.publish("scope.t-large.image", body);
      JsonObject got = Eventually.until(() -> {
        JsonObject f = next(sub::next, "scope.t-large.image");
        assertTrue(f.getJsonObject("body").containsKey("data"), "a probe, not the image");
        return f;
      }).getJsonObject("body");
      byte[] received = Base64.getDecoder().decode(got.getString("data"));
      assertEquals(sha256(image), sha256(received), "the bytes arrive intact");
      assertEquals("photo.jpg", got.getString("name"));

      // the node refuses a frame by its length, before reading it (then closes: the stream cannot be framed)
      pub.rawWithLength(MAX_FRAME + 1, new byte[0]);
      pub.nextError("frame_too_large");
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void whenANodeStopsItsMembersLeaveEverywhere() {
    JunctionNode d = start("d");
    try (TcpClient onA = TcpClient.connect(a.tcpPort()); TcpClient onD = TcpClient.connect(d.tcpPort());
         WsClient onD2 = WsClient.connect(d.httpPort())) {
      join(onA::send, onA::next, "t-stop", "stays");
      onA.register("scope.t-stop.presence").sync();
      awaitPresenceFrom(d, "t-stop", ms -> next(() -> onA.next(ms), "scope.t-stop.presence"));
      String dId = join(onD::send, onD::next, "t-stop", "on-d").getString("client");
      ask(onD2::send, onD2::next, "hub.scope.join", new JsonObject().put("scope", "t-stop").put("meta", new JsonObject().put("name", "on-d-too")));
      Await.require(() -> membersFrom(a.httpPort(), "t-stop").size() == 3, 10_000, "three members");

      d.stop();
      d = null;
      Await.require(() -> membersFrom(a.httpPort(), "t-stop").equals(List.of("stays")), 15_000, "d's members gone from the list");
      List<String> leaves = new java.util.ArrayList<>();
      while (leaves.size() < 2) {
        JsonObject e = next(onA::next, "scope.t-stop.presence").getJsonObject("body");
        if ("leave".equals(e.getString("event")) && !"probe".equals(name(e))) {
          leaves.add(name(e));
        }
      }
      assertEquals(List.of("on-d", "on-d-too"), leaves.stream().sorted().collect(Collectors.toList()));
      assertTrue(!membersFrom(b.httpPort(), "t-stop").contains(dId));
    } finally {
      if (d != null) {
        d.stop();
      }
    }
  }
}
