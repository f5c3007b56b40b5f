package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** junction job submit|status|confirm|cancel|worker, as users run them, against a real node. */
@Timeout(180)
class CliJobsIT extends CliTesting {

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
}
