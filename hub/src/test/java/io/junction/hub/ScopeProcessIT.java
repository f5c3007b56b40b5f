package io.junction.hub;

import io.junction.testing.Await;
import io.junction.testing.SockJsClient;
import io.junction.testing.TcpClient;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.junction.hub.ScopeCalls.ask;
import static io.junction.hub.ScopeCalls.eventAbout;
import static io.junction.hub.ScopeCalls.join;
import static io.junction.hub.ScopeCalls.membersFrom;
import static io.junction.hub.ScopeCalls.names;
import static io.junction.hub.ScopeCalls.next;
import static io.junction.hub.ScopeCalls.publishKept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scope across two node processes started from the jar, with a client on each transport: they see each other,
 * talk, one comes back after a gap and reads what it missed, and a kill -9 of a node removes its members
 * everywhere.
 */
@Timeout(180)
class ScopeProcessIT {

  /** How long after a kill -9 the leaves must be announced: Hazelcast's notice on localhost plus the sweep. */
  static final long LEAVE_WITHIN_MS = 15_000;

  @TempDir
  Path dir;

  @Test
  void threeTransportsOnTwoNodesShareAScopeAndAKilledNodesMembersLeaveEverywhere() throws Exception {
    try (NodeProcess a = NodeProcess.start("a", dir.resolve("a")); NodeProcess b = NodeProcess.start("b", dir.resolve("b"));
         TcpClient tcp = TcpClient.connect(a.tcpPort); SockJsClient sockjs = SockJsClient.connect(a.httpPort, "");
         WsClient ws = WsClient.connect(b.httpPort)) {
      assertEquals(List.of("tcp"), names(join(tcp::send, tcp::next, "lobby", "tcp").getJsonArray("members")));
      assertEquals(List.of("tcp", "sockjs"), names(join(sockjs::send, sockjs::next, "lobby", "sockjs").getJsonArray("members")));
      JsonObject wsJoin = join(ws::send, ws::next, "lobby", "ws");
      assertEquals(List.of("tcp", "sockjs", "ws"), names(wsJoin.getJsonArray("members")), "one list across the nodes");
      assertEquals(List.of("tcp", "sockjs", "ws"), membersFrom(a.httpPort, "lobby"));

      // events and messages flow between the nodes once registrations have spread (asynchronous in Hazelcast)
      ws.register("scope.lobby.presence").register("scope.lobby.chat").sync();
      tcp.register("scope.lobby.chat").sync();
      sockjs.register("scope.lobby.chat");
      JsonObject seen = Eventually.until(() -> {
        tcp.publish("scope.lobby.chat", "hello from tcp");
        return ws.next();
      });
      assertEquals("hello from tcp", seen.getString("body"));
      long wsSeq = publishKept(ws::send, ws::next, "scope.lobby.chat", "hello from ws");
      JsonObject atTcp = untilBody(tcp::next, "hello from ws");
      assertEquals(String.valueOf(wsSeq), atTcp.getJsonObject("headers").getString("seq"));
      untilBody(sockjs::next, "hello from ws");

      // the TCP client goes away; two messages are published; it comes back on the other node and reads them
      long lastSeen = wsSeq;
      tcp.close();
      assertEquals("leave", eventAbout(ws::next, "lobby", "tcp").getString("event"));
      publishKept(ws::send, ws::next, "scope.lobby.chat", "missed 1");
      publishKept(sockjs::send, sockjs::next, "scope.lobby.chat", "missed 2");
      try (TcpClient back = TcpClient.connect(b.tcpPort)) {
        join(back::send, back::next, "lobby", "tcp");
        JsonObject history = ask(back::send, back::next, "hub.scope.history",
          new JsonObject().put("scope", "lobby").put("after", lastSeen)).getJsonObject("body");
        JsonArray missed = history.getJsonArray("messages");
        assertEquals(List.of("missed 1", "missed 2"), missed.stream().map(m -> ((JsonObject) m).getString("body")).collect(Collectors.toList()));
        assertEquals(lastSeen + 1, missed.getJsonObject(0).getLong("seq"));
        assertEquals("join", eventAbout(ws::next, "lobby", "tcp").getString("event"));

        // kill -9 of node a: the SockJS member leaves, seen from node b, and no list shows it
        long killed = System.currentTimeMillis();
        a.kill();
        JsonObject leave = eventAbout(ws::next, "lobby", "sockjs");
        long took = System.currentTimeMillis() - killed;
        assertEquals("leave", leave.getString("event"));
        assertEquals("a", leave.getJsonObject("member").getString("node"));
        assertTrue(took < LEAVE_WITHIN_MS, "the leave took " + took + " ms");
        System.out.println("ScopeProcessIT: leave announced " + took + " ms after kill -9");
        assertEquals(List.of("ws", "tcp"), membersFrom(b.httpPort, "lobby"), "no ghost");
        JsonObject members = ask(back::send, back::next, "hub.scope.members", new JsonObject().put("scope", "lobby")).getJsonObject("body");
        assertEquals(List.of("ws", "tcp"), names(members.getJsonArray("members")));

        // history outlives the node that took some of it (ring buffers have a backup)
        JsonObject again = ask(back::send, back::next, "hub.scope.history",
          new JsonObject().put("scope", "lobby").put("after", wsSeq - 1)).getJsonObject("body");
        assertEquals(3, again.getJsonArray("messages").size(), again::encode);
      }
    }
  }

  private static JsonObject untilBody(java.util.function.Supplier<JsonObject> frames, String body) {
    List<String> skipped = new ArrayList<>();
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject f = frames.get();
      if (body.equals(f.getString("body"))) {
        return f;
      }
      skipped.add(f.encode());
    }
    throw new AssertionError("no " + body + "; skipped " + skipped);
  }
}
