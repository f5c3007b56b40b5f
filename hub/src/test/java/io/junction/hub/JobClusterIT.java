package io.junction.hub;

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
import java.util.Map;

import static io.junction.hub.ScopeCalls.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs across three clustered nodes in this JVM: submitted on one node, read, followed, resubmitted and confirmed
 * from the others; run by a worker connected to another node; and adopted by the cluster when the node that ran
 * them leaves, then not run again by that node when it comes back.
 */
@Timeout(180)
class JobClusterIT {

  @TempDir
  static Path dir;
  static JunctionNode a;
  static JunctionNode b;
  static JunctionNode c;

  static JunctionNode start(String name) {
    return Nodes.start(Nodes.testOverrides(dir.resolve(name), name, true));
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

  static JsonObject body(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  static JsonObject submit(TcpClient client, String command, String token, JsonObject args) {
    return ask(client::send, client::next, "hub.jobs.submit",
      new JsonObject().put("command", command).put("token", token).put("args", args));
  }

  /** Until {@code node} answers {@code token}'s status over HTTP with {@code status}; that answer. */
  static JsonObject awaitStatus(JunctionNode node, String token, String status) {
    Http http = new Http(node.httpPort());
    return Eventually.until(() -> {
      JsonObject s = body(http.get("/api/jobs/" + token));
      assertEquals(status, s.getString("status"), s::encode);
      return s;
    });
  }

  /** The next offer (or cancel) the hub sends {@code worker}, skipping other frames. */
  static JsonObject nextFromHub(TcpClient worker, String kind) {
    for (int i = 0; i < 50; i++) {
      JsonObject f = worker.next();
      if (f.getString("address", "").startsWith("client.") && f.getJsonObject("headers") != null
        && kind.equals(f.getJsonObject("headers").getString("junction.job"))) {
        return f.getJsonObject("body");
      }
    }
    throw new AssertionError("no " + kind);
  }

  @Test
  void aJobSubmittedOnOneNodeIsReadFollowedResubmittedAndConfirmedFromTheOthers() {
    try (TcpClient onA = TcpClient.connect(a.tcpPort()); TcpClient onC = TcpClient.connect(c.tcpPort());
         WsClient wsOnC = WsClient.connect(c.httpPort())) {
      JsonObject busy = submit(onA, "echo", "across-1", new JsonObject().put("v", 1).put("delayMs", 2000)).getJsonObject("body");
      assertEquals("busy", busy.getString("status"));
      assertEquals(1, a.jobs.busy(), "it runs where it was submitted: a has the handler");

      // followed from another node: the registration asks the cluster whose job it is
      onC.register("jobs.across-1").sync();
      JsonObject s = awaitStatus(b, "across-1", "busy");
      assertEquals("echo", s.getString("command"));

      // the same token again on another node is the same job: no second run
      Http http = new Http(b.httpPort());
      HttpResponse<String> again = http.post("/api/jobs", "{\"command\":\"echo\",\"token\":\"across-1\",\"args\":{\"v\":1}}");
      assertEquals("busy", body(again).getString("status"), again.body());
      assertEquals(0, b.jobs.busy(), "b did not run it");
      HttpResponse<String> other = http.post("/api/jobs", "{\"command\":\"say_hi\",\"token\":\"across-1\"}");
      assertEquals(409, other.statusCode(), other.body());
      assertEquals("token_conflict", body(other).getString("error"));

      JsonObject event = ScopeCalls.next(onC::next, "jobs.across-1");
      while (event.getJsonObject("body").getString("status").equals("busy")) { // progress
        event = ScopeCalls.next(onC::next, "jobs.across-1");
      }
      assertEquals("success", event.getJsonObject("body").getString("status"), event.encode());
      assertEquals(new JsonObject().put("v", 1).put("delayMs", 2000), event.getJsonObject("body").getJsonObject("response"));
      assertEquals(new JsonObject().put("v", 1).put("delayMs", 2000), awaitStatus(b, "across-1", "success").getJsonObject("response"));

      JsonObject confirmed = ask(wsOnC::send, wsOnC::next, "hub.jobs.confirm", new JsonObject().put("token", "across-1"));
      assertEquals(true, confirmed.getJsonObject("body").getBoolean("confirmed"), confirmed::encode);
      for (JunctionNode n : new JunctionNode[] {a, b, c}) {
        HttpResponse<String> gone = new Http(n.httpPort()).get("/api/jobs/across-1");
        assertEquals(404, gone.statusCode(), gone.body());
        assertEquals("unknown_token", body(gone).getString("error"));
      }
    }
  }

  @Test
  void aCancelSentRightBehindItsSubmitEitherFindsNoJobYetOrCancelsItForGood() {
    int jobs = 10;
    Map<String, String> answers = new java.util.TreeMap<>();
    try (TcpClient onB = TcpClient.connect(b.tcpPort())) {
      for (int i = 0; i < jobs; i++) {
        String token = "hasty-" + i;
        // frames are answered concurrently: the cancel may come before the submit's claim, between the claim and
        // the store, or after
        onB.request("hub.jobs.submit", new JsonObject().put("command", "sleep").put("token", token)
          .put("args", new JsonObject().put("ms", 300)), "s-" + token);
        onB.request("hub.jobs.cancel", new JsonObject().put("token", token), "c-" + token);
        Map<String, JsonObject> replies = new java.util.HashMap<>();
        while (replies.size() < 2) { // in either order
          JsonObject f = onB.next();
          replies.put(f.getString("address"), f);
        }
        assertEquals("busy", replies.get("s-" + token).getJsonObject("body").getString("status"), replies::toString);
        JsonObject cancel = replies.get("c-" + token);
        String answer = cancel.getString("error") != null ? cancel.getString("error") : cancel.getJsonObject("body").getString("reason");
        assertTrue(answer.equals("unknown_token") || answer.equals("cancelled"), replies::toString);
        answers.put(token, answer);
      }
    }
    for (Map.Entry<String, String> e : answers.entrySet()) {
      JsonObject s = awaitStatus(a, e.getKey(), e.getValue().equals("cancelled") ? "aborted" : "success");
      if (e.getValue().equals("cancelled")) {
        // and it stays so: the sleep would have ended by now
        assertEquals("cancelled", s.getString("reason"), s::encode);
      }
    }
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    for (Map.Entry<String, String> e : answers.entrySet()) {
      if (e.getValue().equals("cancelled")) {
        JsonObject s = body(new Http(c.httpPort()).get("/api/jobs/" + e.getKey()));
        assertEquals("cancelled", s.getString("reason"), "a job once cancelled never succeeds: " + s.encode());
      }
    }
    System.out.println("JobClusterIT: cancels right behind their submits: " + answers.values());
  }

  @Test
  void aFollowerOfAnotherUsersOrAFinishedJobIsRefusedOnEveryNode() {
    try (TcpClient onA = TcpClient.connect(a.tcpPort()); TcpClient onB = TcpClient.connect(b.tcpPort())) {
      submit(onA, "say_hi", "finished-1", null);
      awaitStatus(c, "finished-1", "success");
      onB.register("jobs.finished-1");
      assertEquals("access_denied", onB.nextError("access_denied").getString("error"));
      onB.register("jobs.no-such-job");
      assertEquals("access_denied", onB.nextError("access_denied").getString("error"));
      // the cluster's own job addresses are not for clients
      onB.send(new JsonObject().put("type", "send").put("address", "hub.jobs.run.echo")
        .put("body", new JsonObject().put("action", "submit").put("command", "echo")));
      assertEquals("access_denied", onB.nextError("access_denied").getString("error"));
    }
  }

  @Test
  void aCommandOnlyAWorkerOnAnotherNodeRunsIsSubmittedAnywhereAndRunsThere() {
    try (TcpClient worker = TcpClient.connect(b.tcpPort()); TcpClient onC = TcpClient.connect(c.tcpPort())) {
      JsonObject registered = ask(worker::send, worker::next, "hub.jobs.work",
        new JsonObject().put("commands", new JsonArray().add("resize")).put("capacity", 2));
      assertEquals("resize", registered.getJsonObject("body").getJsonArray("commands").getString(0), registered::encode);

      Http onA = new Http(a.httpPort());
      HttpResponse<String> accepted = Eventually.until(() -> {
        // the worker's registration reaches the other nodes asynchronously
        HttpResponse<String> r = onA.post("/api/jobs", "{\"command\":\"resize\",\"token\":\"img-1\",\"args\":{\"w\":64}}");
        assertEquals(202, r.statusCode(), r.body());
        return r;
      });
      assertEquals("busy", body(accepted).getString("status"));
      JsonObject offer = nextFromHub(worker, "offer");
      assertEquals("img-1", offer.getString("token"));
      assertEquals(new JsonObject().put("w", 64), offer.getJsonObject("args"));
      worker.send(new JsonObject().put("type", "send").put("address", "hub.jobs.done")
        .put("body", new JsonObject().put("token", "img-1").put("response", new JsonObject().put("url", "/img-1.png"))));
      assertEquals("/img-1.png", awaitStatus(c, "img-1", "success").getJsonObject("response").getString("url"));

      // cancelled from a node that is not its home: the home ends it and tells the worker
      JsonObject second = body(onA.post("/api/jobs", "{\"command\":\"resize\",\"token\":\"img-2\"}"));
      assertEquals("busy", second.getString("status"));
      assertEquals("img-2", nextFromHub(worker, "offer").getString("token"));
      JsonObject cancelled = ask(onC::send, onC::next, "hub.jobs.cancel", new JsonObject().put("token", "img-2")).getJsonObject("body");
      assertEquals("aborted", cancelled.getString("status"), cancelled::encode);
      assertEquals("cancelled", cancelled.getString("reason"));
      assertEquals("img-2", nextFromHub(worker, "cancel").getString("token"));
      assertEquals("cancelled", awaitStatus(a, "img-2", "aborted").getString("reason"));

      // a command no node runs
      JsonObject refused = submit(onC, "no-such-command", null, null);
      assertEquals("bad_command", refused.getString("error"), refused::encode);
    }
  }

  @Test
  void jobsOfANodeThatLeavesRunAgainElsewhereAndTheNodeDoesNotRunThemWhenItComesBack() {
    Path dData = dir.resolve("d");
    JunctionNode d = start("d");
    try (TcpClient onD = TcpClient.connect(d.tcpPort())) {
      assertEquals("busy", submit(onD, "sleep", "moving-1", new JsonObject().put("ms", 60_000)).getJsonObject("body").getString("status"));
      assertEquals("busy", submit(onD, "echo", "second-1", new JsonObject().put("delayMs", 60_000)).getJsonObject("body").getString("status"));
      submit(onD, "say_bye", "done-on-d", null);
      awaitStatus(a, "done-on-d", "success");
      awaitStatus(a, "moving-1", "busy");
    }
    d.stop(); // its jobs stay busy in its store; the cluster adopts them
    long left = System.nanoTime();
    Eventually.until(() -> {
      assertEquals(2, a.jobs.busy() + b.jobs.busy() + c.jobs.busy(), "both are adopted");
      return true;
    });
    System.out.println("JobClusterIT: busy jobs of a node that left adopted in " + (System.nanoTime() - left) / 1_000_000 + " ms");
    assertEquals("success", awaitStatus(b, "done-on-d", "success").getString("status"), "a result outlives its node");

    try (TcpClient onB = TcpClient.connect(b.tcpPort())) {
      JsonObject cancelled = ask(onB::send, onB::next, "hub.jobs.cancel", new JsonObject().put("token", "moving-1")).getJsonObject("body");
      assertEquals("cancelled", cancelled.getString("reason"), cancelled::encode);
    }

    JunctionNode back = Nodes.start(Nodes.testOverrides(dData, "d", true));
    try {
      assertEquals(0, back.jobs.busy(), "the jobs the cluster adopted are not run again by their old node");
      assertEquals("cancelled", awaitStatus(back, "moving-1", "aborted").getString("reason"));
      assertEquals("busy", awaitStatus(back, "second-1", "busy").getString("status"));
      // a finished job of the node stays its own: confirmed there
      Http http = new Http(back.httpPort());
      assertEquals(200, http.post("/api/jobs/done-on-d/confirm", "").statusCode());
      assertEquals(404, new Http(a.httpPort()).get("/api/jobs/done-on-d").statusCode());
      try (TcpClient onA = TcpClient.connect(a.tcpPort())) {
        ask(onA::send, onA::next, "hub.jobs.cancel", new JsonObject().put("token", "second-1"));
      }
      awaitStatus(back, "second-1", "aborted");
    } finally {
      back.stop();
    }
  }
}
