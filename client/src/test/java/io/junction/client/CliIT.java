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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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

  // ---- jobs ----

  /** Reads lines until one that does not start with {@code prefix} (progress that may or may not come). */
  static String after(BufferedReader in, String prefix) throws Exception {
    String line;
    while ((line = in.readLine()) != null && line.startsWith(prefix)) {
      assertTrue(line.matches(".* busy \\{\"percent\":\\d+}"), line);
    }
    return line;
  }

  @Test
  void jobSubmitWaitPrintsTheResponseThenTheJobCanBeAskedAndConfirmed() throws Exception {
    Run hi = run("--server", server, "job", "submit", "say_hi", "--wait");
    assertEquals(0, hi.exit, hi.err);
    String token = hi.out.split(" ")[0];
    assertEquals(token + " busy\n" + token + " success {\"message\":\"Hi!\"}\n", hi.out);

    Run status = run("--server", server, "job", "status", token);
    assertEquals(0, status.exit, status.err);
    assertEquals(token + " success {\"message\":\"Hi!\"}\n", status.out);
    Run confirm = run("--server", server, "job", "confirm", token);
    assertEquals(0, confirm.exit, confirm.err);
    assertEquals(token + " confirmed\n", confirm.out);
    Run gone = run("--server", server, "job", "status", token);
    assertEquals(3, gone.exit);
    assertTrue(gone.err.startsWith("junction: unknown_token: "), gone.err);
  }

  @Test
  void jobSubmitWaitJsonPrintsEachStatusAsTheHubSentIt() throws Exception {
    Run r = run("--server", server, "--json", "job", "submit", "sleep", "{\"ms\":300}", "--job-token", "cli-sleep", "--wait");
    assertEquals(0, r.exit, r.err);
    List<String> lines = r.out.lines().collect(Collectors.toList());
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals("cli-sleep", first.get("token").asText());
    assertEquals("sleep", first.get("command").asText());
    assertEquals("busy", first.get("status").asText());
    for (String progress : lines.subList(1, lines.size() - 1)) {
      assertEquals("busy", JSON.readTree(progress).get("status").asText(), progress);
      assertTrue(JSON.readTree(progress).get("progress").get("percent").asInt() < 100, progress);
    }
    JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
    assertEquals("success", last.get("status").asText());
    assertTrue(last.get("finished").asBoolean());
    assertEquals(300, last.get("response").get("slept").asInt());
  }

  @Test
  void jobSubmitWaitPrintsTheProgressAWorkerReports() throws Exception {
    CountDownLatch printed = new CountDownLatch(1);
    try (JunctionClient worker = connect()) {
      worker.work(List.of("render"), 1, false, task -> {
        // again until the CLI printed it: it may follow the job only after the first report
        while (!printed.await(50, TimeUnit.MILLISECONDS)) {
          task.progress(Map.of("percent", 40));
        }
        return Map.of("frames", 3);
      }).get(10, TimeUnit.SECONDS);
      Process wait = launch("--server", server, "job", "submit", "render", "--wait");
      try {
        BufferedReader out = reader(wait.getInputStream());
        String submitted = out.readLine();
        String token = submitted.split(" ")[0];
        assertEquals(token + " busy", submitted);
        assertEquals(token + " busy {\"percent\":40}", out.readLine());
        printed.countDown();
        assertEquals(token + " success {\"frames\":3}", after(out, token + " busy"));
        assertTrue(wait.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, wait.exitValue());
      } finally {
        wait.destroyForcibly();
      }
    }
  }

  @Test
  void aJobCancelledWhileWaitedForExits4() throws Exception {
    Process wait = launch("--server", server, "job", "submit", "sleep", "{\"ms\":60000}", "--wait");
    try {
      BufferedReader out = reader(wait.getInputStream());
      String token = out.readLine().split(" ")[0];
      Run busy = run("--server", server, "job", "confirm", token);
      assertEquals(3, busy.exit);
      assertTrue(busy.err.startsWith("junction: job_not_finished: "), busy.err);
      Run cancel = run("--server", server, "job", "cancel", token);
      assertEquals(0, cancel.exit, cancel.err);
      assertEquals(token + " aborted cancelled\n", cancel.out);

      assertEquals(token + " aborted cancelled", after(out, token + " busy"));
      assertTrue(wait.waitFor(30, TimeUnit.SECONDS));
      assertEquals(4, wait.exitValue());
      Run again = run("--server", server, "job", "status", token, "--wait");
      assertEquals(4, again.exit, again.err);
      assertEquals(token + " aborted cancelled\n", again.out);
    } finally {
      wait.destroyForcibly();
    }
  }

  @Test
  void jobSubmitWaitLearnsAnEndThatCameDuringAnOutage() throws Exception {
    CountDownLatch following = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    try (CuttableProxy proxy = new CuttableProxy(node.tcpPort()); JunctionClient worker = connect(); JunctionClient c = connect()) {
      worker.work(List.of("deliver-late"), 1, false, task -> {
        while (!following.await(50, TimeUnit.MILLISECONDS)) {
          task.progress(Map.of("percent", 10)); // until the CLI printed it: then it follows the job's events
        }
        finish.await();
        return Map.of("delivered", true);
      }).get(10, TimeUnit.SECONDS);
      Process wait = launch("--server", "tcp://127.0.0.1:" + proxy.port(), "job", "submit", "deliver-late", "--wait");
      try {
        BufferedReader out = reader(wait.getInputStream());
        String token = out.readLine().split(" ")[0];
        assertEquals(token + " busy {\"percent\":10}", out.readLine());
        following.countDown();
        proxy.cut();
        finish.countDown();
        assertEquals("success", c.job(token).result().get(20, TimeUnit.SECONDS).status(), "it ended while the CLI was away");
        proxy.heal();
        assertEquals(token + " success {\"delivered\":true}", after(out, token + " busy"));
        assertTrue(wait.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, wait.exitValue());
        String err = new String(wait.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(err.contains("junction: disconnected from ") && err.contains("junction: reconnected to "), err);
      } finally {
        wait.destroyForcibly();
      }
    }
  }

  /** Starts {@code junction job worker ARGS...} and waits until it is registered. */
  static Process worker(String... args) throws Exception {
    Process p = launch(args);
    String ready = reader(p.getErrorStream()).readLine();
    assertTrue(ready != null && ready.startsWith("junction: working on "), ready);
    return p;
  }

  static JobStatus submit(JunctionClient c, String command, String token, Object args) throws Exception {
    return c.submit(command, token, args).get(10, TimeUnit.SECONDS).result().get(20, TimeUnit.SECONDS);
  }

  static List<String> linesAtExit(Process p) throws Exception {
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return reader(p.getInputStream()).lines().collect(Collectors.toList());
  }

  @Test
  void anEchoWorkerAnswersWithTheArgs() throws Exception {
    Process worker = worker("--server", server, "job", "worker", "resize", "--count", "1");
    try (JunctionClient c = connect()) {
      JobStatus end = submit(c, "resize", "resize-1", Map.of("width", 64));
      assertEquals("success", end.status());
      assertEquals("{\"width\":64}", end.response().toString());
      assertEquals(List.of("resize-1 resize done"), linesAtExit(worker));
    } finally {
      worker.destroyForcibly();
    }
  }

  @Test
  void anExecWorkerAnswersWithTheOutputParsedWhenItIsJson() throws Exception {
    Process worker = worker("--server", server, "job", "worker", "convert", "--exec", "tr a-z A-Z", "--count", "2");
    try (JunctionClient c = connect()) {
      assertEquals("{\"NAME\":\"ANN\"}", submit(c, "convert", "convert-1", Map.of("name", "ann")).response().toString());
      JsonNode text = submit(c, "convert", "convert-2", Map.of("ok", true)).response();
      assertTrue(text.isTextual(), text::toString);
      assertEquals("{\"OK\":TRUE}", text.asText(), "not JSON: the text");
      assertEquals(List.of("convert-1 convert done", "convert-2 convert done"), linesAtExit(worker));
    } finally {
      worker.destroyForcibly();
    }
  }

  @Test
  void anExecWorkerFailsTheJobWithTheExitCodeAndLastLineOfStderr() throws Exception {
    String script = "if [ \"$JUNCTION_JOB_COMMAND\" = fail ]; then echo trying >&2; echo disk full >&2; exit 3; fi;"
      + " echo \"$JUNCTION_JOB_COMMAND $JUNCTION_JOB_TOKEN\"";
    Process worker = worker("--server", server, "--json", "job", "worker", "fail", "whoami", "--exec", script, "--count", "2");
    try (JunctionClient c = connect()) {
      JobStatus failed = submit(c, "fail", "fail-1", null);
      assertEquals("aborted", failed.status());
      assertEquals("exit 3: disk full", failed.reason());
      assertEquals("whoami who-1", submit(c, "whoami", "who-1", null).response().asText());
      List<String> lines = linesAtExit(worker);
      assertEquals(List.of("{\"token\":\"fail-1\",\"command\":\"fail\",\"outcome\":\"failed\",\"reason\":\"exit 3: disk full\"}",
        "{\"token\":\"who-1\",\"command\":\"whoami\",\"outcome\":\"done\",\"response\":\"whoami who-1\"}"), lines);
    } finally {
      worker.destroyForcibly();
    }
  }

  @Test
  void cancellingAJobEndsItsProcessAndWhatItStarted() throws Exception {
    Path fifo = Nodes.tempDir().resolve("held");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    // the job's shell starts a child that holds the fifo open: the test's read ends when that child is gone
    Process worker = worker("--server", server, "job", "worker", "slow", "--exec", "sleep 60 > '" + fifo + "' & wait",
      "--count", "1");
    try (JunctionClient c = connect(); InputStream held = openWhenWritten(c, fifo)) {
      assertEquals("cancelled", c.job("slow-1").cancel().get(10, TimeUnit.SECONDS).reason());
      assertEquals(-1, assertTimeoutPreemptively(Duration.ofSeconds(10), () -> held.read()), "the child was ended");
      assertEquals(List.of("slow-1 slow cancelled"), linesAtExit(worker));
    } finally {
      worker.destroyForcibly();
    }
  }

  /** Submits {@code slow-1} and opens the fifo its process writes to: returns once the job runs. */
  private static InputStream openWhenWritten(JunctionClient c, Path fifo) throws Exception {
    c.submit("slow", "slow-1", null).get(10, TimeUnit.SECONDS);
    return Files.newInputStream(fifo);
  }

  @Test
  void aWorkerRegistersAgainAfterAnOutage() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(node.tcpPort()); JunctionClient c = connect()) {
      Process worker = launch("--server", "tcp://127.0.0.1:" + proxy.port(), "job", "worker", "deliver", "--retryable",
        "--count", "1");
      try {
        BufferedReader err = reader(worker.getErrorStream());
        assertTrue(err.readLine().startsWith("junction: working on deliver (1 at once) on "));
        proxy.cut();
        assertTrue(err.readLine().startsWith("junction: disconnected from "));
        proxy.heal();
        String line;
        while ((line = err.readLine()) != null && !line.startsWith("junction: subscriptions are back")) {
          assertTrue(line.startsWith("junction: disconnected") || line.startsWith("junction: reconnected"), line);
        }
        assertEquals("{\"n\":1}", submit(c, "deliver", "deliver-1", Map.of("n", 1)).response().toString());
        assertEquals(List.of("deliver-1 deliver done"), linesAtExit(worker));
      } finally {
        worker.destroyForcibly();
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
