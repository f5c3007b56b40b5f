package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** junction join, members and history, as users run them, against a real node. */
@Timeout(180)
class CliScopesIT extends CliTesting {

  @Test
  void joinPrintsTheMembersThenWhoJoinsAndWhatIsPublished() throws Exception {
    Process join = launch("--server", server, "--json", "join", "room-join", "--meta", "{\"name\":\"cli\"}", "--topic", "chat",
      "--count", "2");
    try (JunctionClient other = connect()) {
      String joined = reader(join.getErrorStream()).readLine();
      assertTrue(joined.startsWith("junction: joined room-join as "), joined);
      BufferedReader out = reader(join.getInputStream());
      JsonNode me = JSON.readTree(out.readLine()).get("member");
      assertEquals(joined.split(" ")[4], me.get("client").asText());
      assertTrue(me.get("user").isNull());
      assertEquals("tcp", me.get("transport").asText());
      assertEquals("cli", me.get("meta").get("name").asText());

      Scope scope = other.join("room-join").get(10, TimeUnit.SECONDS);
      JsonNode event = JSON.readTree(out.readLine());
      assertEquals("join", event.get("event").asText());
      assertEquals(scope.clientId(), event.get("member").get("client").asText());
      other.publishConfirmed("scope.room-join.chat", Map.of("hi", 1)).get(10, TimeUnit.SECONDS);
      JsonNode message = JSON.readTree(out.readLine());
      assertEquals("scope.room-join.chat", message.get("address").asText());
      assertEquals("0", message.get("headers").get("seq").asText());
      assertEquals(1, message.get("body").get("hi").asInt());

      assertTrue(join.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, join.exitValue());
      assertEquals(null, out.readLine(), "nothing after --count lines");
    } finally {
      join.destroyForcibly();
    }
  }

  @Test
  void membersPrintsEveryMemberOldestFirst() throws Exception {
    try (JunctionClient a = connect(); JunctionClient b = connect()) {
      a.join("room-members", Map.of("name", "Ann"), null).get(10, TimeUnit.SECONDS);
      List<ScopeMember> both = b.join("room-members").get(10, TimeUnit.SECONDS).members();
      Run r = run("--server", server, "members", "room-members");
      assertEquals(0, r.exit, r.err);
      assertEquals(both.get(0).client() + " - " + both.get(0).node() + " tcp {\"name\":\"Ann\"}\n"
        + both.get(1).client() + " - " + both.get(1).node() + " tcp -\n", r.out);
    }
  }

  @Test
  void historyPrintsWhatTheScopeKeptInOrder() throws Exception {
    try (JunctionClient c = connect()) {
      publish(c, "scope.room-history.news", 10, 11, 12);
    }
    Run all = run("--server", server, "history", "room-history");
    assertEquals(0, all.exit, all.err);
    assertEquals("0 scope.room-history.news 10\n1 scope.room-history.news 11\n2 scope.room-history.news 12\n", all.out);

    Run page = run("--server", server, "--json", "history", "room-history", "--after", "0", "--limit", "1");
    assertEquals(0, page.exit, page.err);
    assertEquals(1, page.out.lines().count(), page.out);
    JsonNode kept = JSON.readTree(page.out);
    assertEquals(1, kept.get("seq").asLong());
    assertEquals("scope.room-history.news", kept.get("address").asText());
    assertEquals("1", kept.get("headers").get("seq").asText());
    assertEquals(11, kept.get("body").asInt());
  }

  @Test
  void historyOlderThanKeptExits3WithHistoryGone() throws Exception {
    try (JunctionClient c = connect()) {
      publish(c, "scope.tiny.t", 0, 1, 2, 3);
    }
    Run gone = run("--server", server, "history", "tiny", "--after", "0");
    assertEquals(3, gone.exit, gone.err);
    assertTrue(gone.err.startsWith("junction: history_gone: "), gone.err);
    assertEquals("", gone.out);
    Run kept = run("--server", server, "history", "tiny");
    assertEquals(0, kept.exit, kept.err);
    assertEquals("2 scope.tiny.t 2\n3 scope.tiny.t 3\n", kept.out, "without --after: what is still kept");
  }

  @Test
  void joinJoinsAgainAfterAnOutageAndRecoversWhatItMissed() throws Exception {
    ScopeClientTest.Presence presence = new ScopeClientTest.Presence();
    try (CuttableProxy proxy = new CuttableProxy(node.tcpPort()); JunctionClient other = connect()) {
      String otherId = other.join("room-outage", null, presence).get(10, TimeUnit.SECONDS).clientId();
      Process join = launch("--server", "tcp://127.0.0.1:" + proxy.port(), "join", "room-outage", "--topic", "news",
        "--count", "5");
      try {
        BufferedReader err = reader(join.getErrorStream());
        String joined = err.readLine();
        assertTrue(joined.startsWith("junction: joined room-outage as "), joined);
        String firstId = joined.split(" ")[4];
        assertEquals("join " + firstId, presence.next());

        proxy.cut();
        assertEquals("leave " + firstId, presence.next(), "the hub saw the connection end");
        publish(other, "scope.room-outage.news", 1, 2);
        proxy.heal();
        String line;
        while ((line = err.readLine()) != null && !line.startsWith("junction: scope ")) {
          assertTrue(line.startsWith("junction: disconnected") || line.startsWith("junction: reconnected")
            || line.startsWith("junction: subscriptions are back"), line);
        }
        assertEquals("junction: scope room-outage: 2 messages published while disconnected recovered from history", line);
        publish(other, "scope.room-outage.news", 3); // live again: the fifth line ends the command

        assertTrue(join.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, join.exitValue());
        List<String> out = reader(join.getInputStream()).lines().collect(Collectors.toList());
        assertEquals(7, out.size(), out::toString);
        assertTrue(out.get(0).startsWith(otherId + " - "), out::toString);
        assertTrue(out.get(1).startsWith(firstId + " - "), out::toString);
        assertTrue(out.get(2).startsWith("leave " + firstId + " - "), out::toString);
        assertTrue(out.get(3).startsWith("join ") && !out.get(3).startsWith("join " + firstId), out::toString);
        assertEquals(List.of("0 scope.room-outage.news 1", "1 scope.room-outage.news 2", "2 scope.room-outage.news 3"),
          out.subList(4, 7), "the missed messages in order, before the live one");
      } finally {
        join.destroyForcibly();
      }
    }
  }

  // ---- jobs ----
}
