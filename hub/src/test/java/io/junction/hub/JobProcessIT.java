package io.junction.hub;

import io.junction.testing.Http;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jobs in a node process started from the jar, killed with kill -9 while jobs are submitted and running. */
@Timeout(180)
class JobProcessIT {

  @TempDir
  Path dir;

  @Test
  void afterAKill9EveryAcknowledgedJobIsThereAndNoneStaysBusy() throws Exception {
    Path data = dir.resolve("node");
    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    try (NodeProcess node = NodeProcess.start("jobs", data, "--standalone")) {
      Http http = new Http(node.httpPort);
      HttpResponse<String> running = http.post("/api/jobs", "{\"command\":\"sleep\",\"token\":\"long-sleep\",\"args\":{\"ms\":60000}}");
      assertEquals(202, running.statusCode(), running.body());
      HttpResponse<String> hi = http.post("/api/jobs", "{\"command\":\"say_hi\",\"token\":\"done-before\"}");
      assertEquals(202, hi.statusCode());
      Eventually.until(() -> {
        assertEquals("success", new JsonObject(http.get("/api/jobs/done-before").body()).getString("status"));
        return true;
      });

      // submitters keep going while the node dies
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> submitters = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        Thread s = new Thread(() -> {
          for (int n = 0; !stop.get(); n++) {
            String token = "burst-" + thread + "-" + n;
            try {
              HttpResponse<String> r = http.post("/api/jobs", "{\"command\":\"echo\",\"token\":\"" + token + "\",\"args\":{\"n\":" + n + "}}");
              if (r.statusCode() == 202 || r.statusCode() == 200) {
                acknowledged.add(token);
              }
            } catch (AssertionError | RuntimeException connectionGone) {
              return;
            }
          }
        });
        s.start();
        submitters.add(s);
      }
      while (acknowledged.size() < 200) {
        Thread.sleep(10);
      }
      node.kill();
      stop.set(true);
      for (Thread s : submitters) {
        s.join(30_000);
      }
    }

    try (NodeProcess again = NodeProcess.start(List.of("-Djunction.classic.enabled=true", "-Djunction.classic.port=0"),
      "jobs", data, "--standalone")) {
      Http http = new Http(again.httpPort);
      for (String token : new ArrayList<>(acknowledged)) {
        HttpResponse<String> r = http.get("/api/jobs/" + token);
        assertEquals(200, r.statusCode(), token + " was acknowledged: " + r.body());
      }
      assertEquals("success", new JsonObject(http.get("/api/jobs/done-before").body()).getString("status"), "waits for its confirm");
      JsonObject rerun = new JsonObject(http.get("/api/jobs/long-sleep").body());
      assertEquals("busy", rerun.getString("status"), "sleep is retryable: it runs again");
      assertTrue(again.output().contains("long-sleep (sleep) was busy when the node stopped: running it again"), again.output());
      Eventually.until(() -> {
        for (String token : acknowledged.subList(0, 200)) {
          assertEquals(true, new JsonObject(http.get("/api/jobs/" + token).body()).getBoolean("finished"), token);
        }
        return true;
      });
      // the classic token-server protocol on the same jobs, byte for byte
      java.util.regex.Matcher m = java.util.regex.Pattern.compile(" classic [^ ]+:(\\d+)").matcher(again.output());
      assertTrue(m.find(), again.output());
      try (java.net.Socket classic = new java.net.Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
        classic.getOutputStream().write("{\"command\":\"check_status\",\"token\":\"done-before\"}<end_of_message>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("{\"token\":\"done-before\",\"status\":\"success\",\"finished\":true,\"response\":{\"message\":\"Hi!\"}}",
          readClassic(classic));
        classic.getOutputStream().write("{\"command\":\"confirm\",\"token\":\"done-before\"}<end_of_message>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(readClassic(classic).contains("\"status\":\"confirmed\""));
      }
      assertEquals(404, http.get("/api/jobs/done-before").statusCode(), "confirmed over the classic protocol");
      System.out.println("JobProcessIT: " + acknowledged.size() + " jobs acknowledged before the kill, all found after the restart");
    }
  }

  private static String readClassic(java.net.Socket s) throws java.io.IOException {
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
