package io.junction.scope;

import io.junction.testing.Await;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History in one node: sequence numbers, reading after a number, and what is no longer kept. */
@Timeout(60)
class HistoryTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    ScopeRule brief = new ScopeRule(List.of("anonymous"), List.of("anonymous"), List.of("anonymous"), true, 100, 1, 100);
    hub = TestHub.with(s -> s.scopes = new ScopeRules(ScopeRule.defaults(),
      Map.of("lobby", ScopeRule.open(100), "small", ScopeRule.open(3), "plain", ScopeRule.open(0), "brief", brief)));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void publishedMessagesGetSequenceNumbersAndComeBackFromHistory() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.chat").sync();
      c.publish("scope.lobby.chat", "hello");
      JsonObject m = c.next();
      assertEquals("hello", m.getString("body"), m::encode);
      long seq = Long.parseLong(m.getJsonObject("headers").getString("seq"));
      c.publish("scope.lobby.chat", new JsonObject().put("n", 2));
      assertEquals(String.valueOf(seq + 1), c.next().getJsonObject("headers").getString("seq"));
      c.request("hub.scope.history", new JsonObject().put("scope", "lobby").put("after", seq - 1), "h");
      JsonObject page = c.next().getJsonObject("body");
      JsonArray messages = page.getJsonArray("messages");
      assertEquals(2, messages.size(), page::encode);
      assertEquals("hello", messages.getJsonObject(0).getString("body"));
      assertEquals(seq, messages.getJsonObject(0).getLong("seq"));
      assertEquals(2, messages.getJsonObject(1).getJsonObject("body").getInteger("n"));
      assertEquals(seq + 1, page.getLong("last"));
    }
  }

  private static JsonObject history(TcpClient c, String scope, long after, int limit) {
    c.request("hub.scope.history", new JsonObject().put("scope", scope).put("after", after).put("limit", limit), "h");
    return c.next();
  }

  private static long publish(TcpClient c, String address, Object body) {
    c.send(new JsonObject().put("type", "publish").put("address", address).put("body", body).put("replyAddress", "ack"));
    return c.next().getJsonObject("body").getLong("seq");
  }

  @Test
  void olderThanKeptIsHistoryGoneAndPagesHaveALimit() {
    try (TcpClient c = hub.tcp()) {
      long first = publish(c, "scope.small.t", 0);
      for (int i = 1; i < 5; i++) {
        assertEquals(first + i, publish(c, "scope.small.t", i));
      }
      JsonObject gone = history(c, "small", first, 10);
      assertEquals("history_gone", gone.getString("error"), gone::encode);
      JsonObject page = history(c, "small", first + 1, 2).getJsonObject("body");
      assertEquals(2, page.getJsonArray("messages").size(), "limit");
      assertEquals(first + 2, page.getJsonArray("messages").getJsonObject(0).getLong("seq"));
      assertEquals(first + 4, page.getLong("last"));
      c.request("hub.scope.history", new JsonObject().put("scope", "small"), "h");
      assertEquals(3, c.next().getJsonObject("body").getJsonArray("messages").size(), "no after: all kept");
      assertEquals(0, first, "a fresh scope starts at 0");
      assertEquals("history_gone", history(c, "small", -1, 10).getString("error"), "-1: from the first, which is gone");
      assertEquals(0, history(c, "small", first + 4, 10).getJsonObject("body").getJsonArray("messages").size(), "nothing new");
      assertEquals("history_gone", history(c, "small", first + 99, 10).getString("error"), "a number never given: restarted");
      assertEquals("history_gone", history(c, "plain", -1, 10).getString("error"), "no history kept there");
    }
  }

  @Test
  void joiningAScopeWithHistoryTellsTheLastNumberSoAClientKnowsWhereToResumeFrom() {
    try (TcpClient c = hub.tcp()) {
      c.request("hub.scope.join", new JsonObject().put("scope", "plain"), "j");
      assertFalse(c.next().getJsonObject("body").containsKey("last"), "plain keeps no history");
      c.request("hub.scope.join", new JsonObject().put("scope", "lobby"), "j");
      long before = c.next().getJsonObject("body").getLong("last");
      long seq = publish(c, "scope.lobby.resume", "x");
      assertEquals(before + 1, seq);
      assertEquals(1, history(c, "lobby", before, 10).getJsonObject("body").getJsonArray("messages").size());
    }
  }

  @Test
  void messagesOlderThanTheMaximumAgeAreGone() throws Exception {
    try (TcpClient c = hub.tcp()) {
      long seen = publish(c, "scope.brief.t", "seen");
      long before = System.currentTimeMillis();
      publish(c, "scope.brief.t", "soon old");
      assertEquals(1, history(c, "brief", seen, 10).getJsonObject("body").getJsonArray("messages").size());
      Await.require(() -> "history_gone".equals(history(c, "brief", seen, 10).getString("error")), 5000,
        "the message after seen grows older than the scope's 1 s");
      assertTrue(System.currentTimeMillis() - before >= 1000, "not gone before its time");
    }
  }

  @Test
  void httpPublishesGetANumberAndReadHistory() {
    HttpResponse<String> p = hub.http().post("/api/publish/scope.lobby.http", "{\"via\":\"http\"}");
    assertEquals(202, p.statusCode());
    long seq = new JsonObject(p.body()).getLong("seq");
    HttpResponse<String> h = hub.http().post("/api/send/hub.scope.history", new JsonObject().put("scope", "lobby").put("after", seq - 1).encode());
    assertEquals(200, h.statusCode(), h.body());
    JsonObject m = new JsonObject(h.body()).getJsonArray("messages").getJsonObject(0);
    assertEquals("http", m.getJsonObject("body").getString("via"));
    assertEquals("scope.lobby.http", m.getString("address"));
  }

  @Test
  void aClientCannotSetItsOwnSequenceNumber() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.fake").sync();
      c.send(new JsonObject().put("type", "publish").put("address", "scope.lobby.fake").put("body", 1)
        .put("headers", new JsonObject().put("seq", "999999")));
      String seq = c.next().getJsonObject("headers").getString("seq");
      assertTrue(Long.parseLong(seq) < 999999, seq);
      c.register("scope.plain.fake").sync();
      c.send(new JsonObject().put("type", "publish").put("address", "scope.plain.fake").put("body", 1)
        .put("headers", new JsonObject().put("seq", "5").put("other", "kept")));
      JsonObject headers = c.next().getJsonObject("headers");
      assertFalse(headers.containsKey("seq"), "no history in plain, so no seq at all: " + headers);
      assertEquals("kept", headers.getString("other"));
    }
  }
}
