package io.junction.hub;

import io.junction.testing.Http;
import io.junction.testing.TcpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.junction.testing.WsClient;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.junction.hub.ScopeCalls.ask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs in a cluster of two node processes started from the jar, one of them killed with kill -9 while its jobs
 * run: what was submitted over TCP on the dead node is read over HTTP on the other, a retryable job runs again
 * there, a job a worker on the dead node was running ends aborted/node_lost, the results are confirmed over
 * WebSocket (from a browser in {@link JobClusterE2E}) and over the classic protocol, and the killed node,
 * restarted, runs none of them again.
 */
@Timeout(300)
class JobClusterProcessIT {

  @TempDir
  Path dir;

  @Test
  void jobsOfANodeKilledWithKill9RunAgainOrEndNodeLostOnTheOtherAndAreNotRunAgainWhenItReturns() throws Exception {
    afterAKill9(dir, two -> {
      try (WsClient ws = WsClient.connect(two.httpPort)) {
        JsonObject r = ask(ws::send, ws::next, "hub.jobs.confirm", new JsonObject().put("token", "survivor"));
        assertEquals(true, r.getJsonObject("body").getBoolean("confirmed"), r::encode);
      }
    });
  }

  /**
   * The scenario: node one runs a retryable sleep and a job of a non-retryable worker, both submitted over TCP;
   * it is killed; node two re-runs the one and ends the other node_lost; {@code confirmSurvivor} confirms the
   * re-run job on node two; the other is read and confirmed over the classic protocol; node one comes back.
   */
  static void afterAKill9(Path dir, Consumer<NodeProcess> confirmSurvivor) throws Exception {
    Path oneData = dir.resolve("one");
    try (NodeProcess two = NodeProcess.start(List.of("-Djunction.classic.enabled=true", "-Djunction.classic.port=0"),
      "two", dir.resolve("two"))) {
      Http http = new Http(two.httpPort);
      long killed;
      try (NodeProcess one = NodeProcess.start("one", oneData)) {
        TcpClient client = TcpClient.connect(one.tcpPort);
        TcpClient worker = TcpClient.connect(one.tcpPort);
        ask(worker::send, worker::next, "hub.jobs.work", new JsonObject().put("commands", new JsonArray().add("fragile")));
        JsonObject survivor = ask(client::send, client::next, "hub.jobs.submit", new JsonObject().put("command", "sleep")
          .put("token", "survivor").put("args", new JsonObject().put("ms", 3000)));
        assertEquals("busy", survivor.getJsonObject("body").getString("status"), survivor::encode);
        JsonObject fragile = ask(client::send, client::next, "hub.jobs.submit", new JsonObject().put("command", "fragile")
          .put("token", "fragile-1"));
        assertEquals("busy", fragile.getJsonObject("body").getString("status"), fragile::encode);
        JsonObject offer = JobClusterIT.nextFromHub(worker, "offer");
        assertEquals("fragile-1", offer.getString("token"));
        // polled over HTTP on the other node
        Eventually.until(() -> {
          assertEquals("busy", new JsonObject(http.get("/api/jobs/survivor").body()).getString("status"));
          assertEquals("busy", new JsonObject(http.get("/api/jobs/fragile-1").body()).getString("status"));
          return true;
        });
        one.kill();
        killed = System.nanoTime();
      }

      JsonObject lost = Eventually.until(() -> {
        JsonObject s = new JsonObject(http.get("/api/jobs/fragile-1").body());
        assertEquals("aborted", s.getString("status"), s::encode);
        return s;
      });
      long lostMs = (System.nanoTime() - killed) / 1_000_000;
      assertEquals("node_lost", lost.getString("reason"), "the worker ran it on the dead node and may not run it again");
      JsonObject rerun = Eventually.until(() -> {
        JsonObject s = new JsonObject(http.get("/api/jobs/survivor").body());
        assertEquals("success", s.getString("status"), s::encode);
        return s;
      });
      long rerunMs = (System.nanoTime() - killed) / 1_000_000;
      assertEquals(new JsonObject().put("slept", 3000), rerun.getJsonObject("response"));
      assertTrue(two.output().contains("job survivor (sleep) of a node that left runs again"), two.output());
      System.out.println("JobClusterProcessIT: after kill -9, node_lost seen on the other node in " + lostMs
        + " ms; the retryable 3 s job re-ran there and succeeded " + rerunMs + " ms after the kill");

      confirmSurvivor.accept(two);
      assertEquals(404, http.get("/api/jobs/survivor").statusCode());

      // the classic token-server protocol reads and confirms the lost one
      Matcher m = Pattern.compile(" classic [^ ]+:(\\d+)").matcher(two.output());
      assertTrue(m.find(), two.output());
      try (Socket classic = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
        classic.getOutputStream().write("{\"command\":\"check_status\",\"token\":\"fragile-1\"}<end_of_message>".getBytes(StandardCharsets.UTF_8));
        JsonObject status = new JsonObject(readClassic(classic));
        assertEquals("aborted", status.getString("status"), status::encode);
        assertEquals("node_lost", status.getString("reason"), status::encode);
        classic.getOutputStream().write("{\"command\":\"confirm\",\"token\":\"fragile-1\"}<end_of_message>".getBytes(StandardCharsets.UTF_8));
        assertEquals("confirmed", new JsonObject(readClassic(classic)).getString("status"));
      }

      // the killed node comes back: its store still had both busy; the cluster settled them, so it runs neither
      try (NodeProcess again = NodeProcess.start("one", oneData)) {
        // both were confirmed on node two, which had adopted them
        assertTrue(again.output().contains("job survivor was confirmed or expired on another node while this node was away: dropped here"), again.output());
        assertTrue(again.output().contains("job fragile-1 was confirmed or expired on another node while this node was away: dropped here"), again.output());
        assertFalse(again.output().contains("running it again"), again.output());
        Http onOne = new Http(again.httpPort);
        assertEquals(404, onOne.get("/api/jobs/survivor").statusCode());
        assertEquals(404, onOne.get("/api/jobs/fragile-1").statusCode());
        HttpResponse<String> health = onOne.get("/health");
        assertEquals(0, new JsonObject(health.body()).getJsonObject("jobs").getInteger("busy"), health.body());
      }
    }
  }

  private static String readClassic(Socket s) throws java.io.IOException {
    s.setSoTimeout(10_000);
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("<end_of_message>")) {
      int c = s.getInputStream().read();
      if (c < 0) {
        throw new java.io.IOException("closed after " + sb);
      }
      sb.append((char) c);
    }
    return sb.substring(0, sb.length() - "<end_of_message>".length());
  }
}
