package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The junction CLI, as users run it, against a real node: pub, sub, req, ping, bench, errors and exit codes. */
@Timeout(180)
class CliIT extends CliTesting {

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
    Run fly = run("--server", server, "job", "submit", "fly");
    assertEquals(3, fly.exit);
    assertTrue(fly.err.startsWith("junction: bad_command: "), fly.err);
    Run unknown = run("--server", server, "job", "status", "no-such-job");
    assertEquals(3, unknown.exit);
    assertTrue(unknown.err.startsWith("junction: unknown_token: "), unknown.err);
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
    assertEquals(2, run("job").exit);
    Run badArgs = run("job", "submit", "echo", "[1]");
    assertEquals(2, badArgs.exit);
    assertTrue(badArgs.err.contains("ARGS_JSON needs a JSON object"), badArgs.err);
    assertEquals(2, run("job", "confirm", "t1", "--wait").exit);
    assertEquals(2, run("job", "worker").exit);
    Run notHere = run("pub", "scope.lobby.x", "1", "--wait");
    assertEquals(2, notHere.exit);
    assertTrue(notHere.err.contains("pub does not take --wait"), notHere.err);
    Run help = run("--help");
    assertEquals(0, help.exit);
    assertTrue(help.out.contains("bench w1|w2|rr"), help.out);
    assertTrue(help.out.contains("join SCOPE [--meta JSON] [--topic T]... [--count N]"), help.out);
    assertTrue(help.out.contains("job worker COMMAND... [--capacity N] [--retryable] [--exec SHELL_COMMAND] [--count N]"), help.out);
    assertTrue(help.out.contains("4 the job ended aborted"), help.out);
  }

  @Test
  void benchJobsRunsWholeLifecyclesAndLeavesNoJobBehind() throws Exception {
    Run r = run("--server", server, "--json", "bench", "jobs", "--messages", "500", "--window", "20");
    assertEquals(0, r.exit, r.err);
    JsonNode result = JSON.readTree(r.out);
    assertEquals("jobs", result.get("workload").asText());
    assertEquals(500, result.get("jobs").asInt());
    assertTrue(result.get("jobsPerSec").asDouble() > 0, r.out);
    java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
      java.net.URI.create("http://127.0.0.1:" + node.httpPort() + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(0, JSON.readTree(health.body()).path("jobs").path("busy").asInt(-1), health.body());
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
