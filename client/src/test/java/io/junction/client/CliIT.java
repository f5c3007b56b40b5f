package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The junction CLI, as users run it: java -jar client/target/junction-cli.jar, against a real node. */
@Timeout(180)
class CliIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static EmbeddedNode node;
  static String server;

  /** Scopes anonymous connections may join, publish and subscribe in. */
  private static final String OPEN = "\"join\": [\"anonymous\"], \"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"]";

  @BeforeAll
  static void start() {
    // lobby as in conf/hub.json; other scopes need a login
    node = Nodes.start("scopes.rules", "{\"lobby\": {" + OPEN + ", \"history_size\": 100}, \"room-*\": {" + OPEN
      + ", \"history_size\": 10}, \"tiny\": {" + OPEN + ", \"history_size\": 2}}");
    server = "tcp://127.0.0.1:" + node.tcpPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A run of the CLI: its exit code, stdout and stderr. */
  static final class Run {
    final int exit;
    final String out;
    final String err;

    Run(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }
  }

  static Process launch(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
      System.getProperty("junction.cli.jar", "target/junction-cli.jar")));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).start();
  }

  static Run run(String... args) throws Exception {
    Process p = launch(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Run(p.exitValue(), out, err);
  }

  static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  static JunctionClient connect() {
    return JunctionClient.connect(Options.builder().server(server).build());
  }

  static void publish(JunctionClient c, String address, int... bodies) throws Exception {
    for (int body : bodies) {
      c.publishConfirmed(address, body).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void subPrintsWhatPubPublishes() throws Exception {
    Process sub = launch("--server", server, "--json", "sub", "scope.lobby.cli", "--count", "2");
    BufferedReader err = new BufferedReader(new InputStreamReader(sub.getErrorStream(), StandardCharsets.UTF_8));
    assertTrue(err.readLine().startsWith("junction: subscribed to scope.lobby.cli"));
    Run pub = run("--server", server, "pub", "scope.lobby.cli", "{\"hi\":1}", "--count", "2");
    assertEquals(0, pub.exit, pub.err);
    assertEquals("published 2 messages to scope.lobby.cli\n", pub.out);
    assertTrue(sub.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, sub.exitValue());
    String[] lines = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    JsonNode line = JSON.readTree(lines[0]);
    assertEquals("scope.lobby.cli", line.get("address").asText());
    assertEquals(1, line.get("body").get("hi").asInt());
    assertTrue(line.get("headers").isObject());
  }

  @Test
  void reqPrintsTheReplyBody() throws Exception {
    Run r = run("--server", server, "req", "hub.echo", "{\"x\":[1,2]}");
    assertEquals(0, r.exit, r.err);
    assertEquals("{\"x\":[1,2]}\n", r.out);
    Run j = run("--server", server, "--json", "req", "hub.echo", "\"s\"");
    assertEquals("{\"address\":\"hub.echo\",\"headers\":{},\"body\":\"s\"}\n", j.out);
  }

  @Test
  void pingPrintsTheRoundTrip() throws Exception {
    Run r = run("--server", server, "ping", "--count", "2");
    assertEquals(0, r.exit, r.err);
    assertEquals(2, r.out.lines().filter(l -> l.startsWith("pong from " + server + " in ")).count(), r.out);
  }

  @Test
  void serverRefusalsExit3WithTheErrorId() throws Exception {
    Run req = run("--server", server, "req", "secret.x", "1");
    assertEquals(3, req.exit);
    assertTrue(req.err.startsWith("junction: access_denied: "), req.err);
    Run pub = run("--server", server, "pub", "secret.x", "1");
    assertEquals(3, pub.exit);
    Run nobody = run("--server", server, "req", "scope.lobby.nobody", "1");
    assertEquals(3, nobody.exit);
    assertTrue(nobody.err.startsWith("junction: no_handlers: "), nobody.err);
    Run join = run("--server", server, "join", "staff");
    assertEquals(3, join.exit);
    assertTrue(join.err.startsWith("junction: access_denied: "), join.err);
  }

  @Test
  void noServerExits1() throws Exception {
    Run r = run("--server", "tcp://127.0.0.1:1", "--timeout", "2000", "ping");
    assertEquals(1, r.exit);
    assertTrue(r.err.startsWith("junction: connect_failed: "), r.err);
  }

  @Test
  void badUsageExits2() throws Exception {
    assertEquals(2, run().exit);
    assertEquals(2, run("frobnicate").exit);
    assertEquals(2, run("pub", "scope.lobby.x").exit);
    Run badJson = run("pub", "scope.lobby.x", "{not json");
    assertEquals(2, badJson.exit);
    assertTrue(badJson.err.contains("is not JSON"), badJson.err);
    assertEquals(2, run("sub", "scope.lobby.x", "--count", "many").exit);
    assertEquals(2, run("--server", "http://x:1", "ping").exit);
    assertEquals(2, run("ping", "--bogus").exit);
    assertEquals(2, run("bench", "w9").exit);
    assertEquals(2, run("join").exit);
    Run badMeta = run("join", "lobby", "--meta", "[1]");
    assertEquals(2, badMeta.exit);
    assertTrue(badMeta.err.contains("--meta needs a JSON object"), badMeta.err);
    assertEquals(2, run("history", "lobby", "--limit", "0").exit);
    Run help = run("--help");
    assertEquals(0, help.exit);
    assertTrue(help.out.contains("bench w1|w2|rr"), help.out);
    assertTrue(help.out.contains("join SCOPE [--meta JSON] [--topic T]... [--count N]"), help.out);
  }

  @Test
  void benchPrintsFiguresForEveryWorkload() throws Exception {
    for (String w : new String[] {"w1", "w2", "rr"}) {
      Run r = run("--server", server, "--json", "bench", w, "--messages", "2000", "--subscribers", "3", "--size", "64");
      assertEquals(0, r.exit, r.err);
      JsonNode result = JSON.readTree(r.out);
      assertEquals(w, result.get("workload").asText());
      assertEquals(2000, result.get("messages").asInt());
      if (w.equals("rr")) {
        assertTrue(result.get("p99Micros").asLong() >= result.get("p50Micros").asLong() && result.get("p50Micros").asLong() > 0, r.out);
      } else {
        assertEquals(3, result.get("subscribers").asInt());
        assertTrue(result.get("deliveriesPerSec").asDouble() > 0, r.out);
      }
    }
  }

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

  @Test
  void subKeepsReceivingWhenTheNodeRestarts() throws Exception {
    Path dir = Nodes.tempDir();
    EmbeddedNode own = Nodes.start(dir, 0);
    int port = own.tcpPort();
    String url = "tcp://127.0.0.1:" + port;
    Process sub = launch("--server", url, "sub", "scope.lobby.survivor", "--count", "2");
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(sub.getErrorStream(), StandardCharsets.UTF_8));
      assertTrue(err.readLine().startsWith("junction: subscribed to scope.lobby.survivor"));
      assertEquals(0, run("--server", url, "pub", "scope.lobby.survivor", "1").exit);
      own.close();
      own = Nodes.start(dir, port);
      String line;
      while ((line = err.readLine()) != null && !line.startsWith("junction: subscriptions are back")) {
        assertTrue(line.startsWith("junction: disconnected") || line.startsWith("junction: reconnected"), line);
      }
      assertEquals(0, run("--server", url, "pub", "scope.lobby.survivor", "2").exit);
      assertTrue(sub.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, sub.exitValue());
      assertEquals("1\n2\n", new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      sub.destroyForcibly();
      own.close();
    }
  }
}
