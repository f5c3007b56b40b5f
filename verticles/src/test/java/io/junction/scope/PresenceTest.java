package io.junction.scope;

import io.junction.testing.SockJsClient;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Joining, leaving and members of scopes on one node, from every transport, and the scope rules. */
@Timeout(60)
class PresenceTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    ScopeRule ops = new ScopeRule(List.of("ops"), List.of("ops"), List.of("ops", "user"), true, 0, 3600, 100);
    ScopeRule quiet = new ScopeRule(List.of("anonymous"), List.of("anonymous"), List.of("anonymous"), false, 0, 3600, 100);
    ScopeRule tiny = new ScopeRule(List.of("anonymous"), List.of("anonymous"), List.of("anonymous"), true, 0, 3600, 2);
    hub = TestHub.with(s -> {
      s.scopes = new ScopeRules(ScopeRule.defaults(), Map.of("lobby", ScopeRule.open(0), "ops-*", ops, "quiet", quiet,
        "tiny", tiny, "many-*", ScopeRule.open(0)));
      s.limits.setMaxScopesPerConnection(3);
    });
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject join(TcpClient c, String scope, JsonObject meta) {
    c.request("hub.scope.join", new JsonObject().put("scope", scope).put("meta", meta), "j");
    return c.next();
  }

  private static List<String> clients(JsonArray members) {
    return members.stream().map(m -> ((JsonObject) m).getString("client")).collect(java.util.stream.Collectors.toList());
  }

  @Test
  void aConnectionIsInAtMostTheConfiguredNumberOfScopes() {
    try (TcpClient c = hub.tcp()) {
      for (int i = 1; i <= 3; i++) {
        assertEquals("message", join(c, "many-" + i, null).getString("type"));
      }
      JsonObject refused = join(c, "many-4", null);
      assertEquals("err", refused.getString("type"), refused::encode);
      assertEquals("too_many_scopes", refused.getString("error"));
      assertEquals("j", refused.getString("address"), "the refusal answers the join");
      c.request("hub.scope.leave", new JsonObject().put("scope", "many-1"), "l");
      assertEquals(true, c.next().getJsonObject("body").getBoolean("left"));
      assertEquals("message", join(c, "many-4", null).getString("type"), "room again after a leave");
    }
  }

  @Test
  void joinsAndLeavesAreAnnouncedAndMembersListedOnEveryTransport() {
    try (TcpClient watcher = hub.tcp(); TcpClient a = hub.tcp(); WsClient ws = hub.ws();
         SockJsClient sockjs = SockJsClient.connect(hub.httpPort(), "")) {
      watcher.register("scope.lobby.presence").sync();
      JsonObject joined = join(a, "lobby", new JsonObject().put("nick", "ann")).getJsonObject("body");
      String idA = joined.getString("client");
      assertEquals("lobby", joined.getString("scope"));
      assertTrue(clients(joined.getJsonArray("members")).contains(idA));
      JsonObject event = watcher.next().getJsonObject("body");
      assertEquals("join", event.getString("event"));
      JsonObject member = event.getJsonObject("member");
      assertEquals(idA, member.getString("client"));
      assertEquals("tcp", member.getString("transport"));
      assertEquals("ann", member.getJsonObject("meta").getString("nick"));
      assertEquals(hub.node.name(), member.getString("node"));
      assertTrue(member.getLong("since") > 0);

      ws.request("hub.scope.join", new JsonObject().put("scope", "lobby"), "j");
      String idWs = ws.next().getJsonObject("body").getString("client");
      assertEquals("websocket", watcher.next().getJsonObject("body").getJsonObject("member").getString("transport"));
      sockjs.request("hub.scope.join", new JsonObject().put("scope", "lobby"), "j");
      JsonObject third = sockjs.next().getJsonObject("body");
      assertEquals(List.of(idA, idWs, third.getString("client")), clients(third.getJsonArray("members")), "oldest first");
      watcher.next();

      a.request("hub.scope.leave", new JsonObject().put("scope", "lobby"), "l");
      assertEquals(true, a.next().getJsonObject("body").getBoolean("left"));
      JsonObject left = watcher.next().getJsonObject("body");
      assertEquals("leave", left.getString("event"));
      assertEquals(idA, left.getJsonObject("member").getString("client"));

      watcher.request("hub.scope.members", new JsonObject().put("scope", "lobby"), "m");
      assertEquals(List.of(idWs, third.getString("client")), clients(watcher.next().getJsonObject("body").getJsonArray("members")));

      ws.close();
      JsonObject gone = watcher.next().getJsonObject("body");
      assertEquals("leave", gone.getString("event"), "disconnecting leaves every scope");
      assertEquals(idWs, gone.getJsonObject("member").getString("client"));
    }
  }

  @Test
  void joiningTwiceLeavingUnjoinedAndBadBodiesAreErrors() {
    try (TcpClient c = hub.tcp()) {
      join(c, "lobby", null);
      assertEquals("already_joined", join(c, "lobby", null).getString("error"));
      c.request("hub.scope.leave", new JsonObject().put("scope", "elsewhere"), "l");
      assertEquals("not_joined", c.next().getString("error"));
      c.request("hub.scope.join", new JsonObject().put("scope", "no.dots"), "j");
      assertEquals("invalid_frame", c.next().getString("error"));
      c.request("hub.scope.join", new JsonObject().put("scope", "quiet").put("meta", "not an object"), "j");
      assertEquals("invalid_frame", c.next().getString("error"));
    }
  }

  @Test
  void rolesDecideWhoJoinsAndAFullScopeSaysSo() {
    try (TcpClient anonymous = hub.tcp(); TcpClient alice = hub.tcp(); TcpClient ops = hub.tcp()) {
      assertEquals("access_denied", join(anonymous, "ops-room", null).getString("error"));
      assertEquals("access_denied", join(anonymous, "private", null).getString("error"), "the default rule: users only");
      alice.login("alice", TestHub.password("alice"));
      assertEquals("access_denied", join(alice, "ops-room", null).getString("error"));
      assertEquals("private", join(alice, "private", null).getJsonObject("body").getString("scope"));
      alice.register("scope.ops-room.alerts").sync();
      alice.publish("scope.ops-room.alerts", 1);
      assertEquals("access_denied", alice.next().getString("error"), "users may read ops-room, not write");
      ops.loginWith(new JsonObject().put("token", hub.token("olga", "ops")));
      assertEquals("ops-room", join(ops, "ops-room", null).getJsonObject("body").getString("scope"));
      ops.publish("scope.ops-room.alerts", 2);
      assertEquals(2, alice.next().getInteger("body"));
      ops.publish("scope.ops-room.presence", 3);
      assertEquals("access_denied", ops.next().getString("error"), "only the hub writes presence");
    }
    try (TcpClient a = hub.tcp(); TcpClient b = hub.tcp(); TcpClient c = hub.tcp()) {
      join(a, "tiny", null);
      join(b, "tiny", null);
      assertEquals("scope_full", join(c, "tiny", null).getString("error"));
      a.close();
      assertTrue(io.junction.testing.Await.until(() -> {
        JsonObject r = join(c, "tiny", null);
        return r.getJsonObject("body") != null;
      }, 5000), "a member that left makes room");
    }
  }

  @Test
  void presenceOffMeansNoEventsAndNoMemberList() {
    try (TcpClient watcher = hub.tcp(); TcpClient c = hub.tcp()) {
      watcher.register("scope.quiet.presence").sync();
      JsonObject joined = join(c, "quiet", null).getJsonObject("body");
      assertEquals(1, joined.getJsonArray("members").size(), "only oneself");
      watcher.expectNothing(300);
      watcher.request("hub.scope.members", new JsonObject().put("scope", "quiet"), "m");
      assertEquals("access_denied", watcher.next().getString("error"));
    }
  }

  @Test
  void httpReadsMembersAndRefusesJoining() {
    try (TcpClient c = hub.tcp()) {
      String id = join(c, "lobby", null).getJsonObject("body").getString("client");
      HttpResponse<String> r = hub.http().post("/api/send/hub.scope.members", "{\"scope\":\"lobby\"}");
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(clients(new JsonObject(r.body()).getJsonArray("members")).contains(id));
      HttpResponse<String> join = hub.http().post("/api/send/hub.scope.join", "{\"scope\":\"lobby\"}");
      assertEquals(403, join.statusCode());
      assertEquals(403, hub.http().post("/api/send/hub.scope.members", "{\"scope\":\"ops-room\"}").statusCode());
    }
  }
}
