package io.junction.client;

import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client's jobs on two clustered nodes: a worker connected to one node (the Java API, or the CLI's
 * {@code junction job worker}) runs what a client of the other submits, and a client whose node stops while its
 * job runs gets the result from the other node, which ran the job again.
 */
@Timeout(120)
class JobFailoverIT {

  @Test
  void aWorkerOnOneNodeRunsJobsSubmittedOnTheOtherAndAJobOutlivesItsNode() throws Exception {
    String cluster = "junction-client-test-" + UUID.randomUUID();
    EmbeddedNode a = Nodes.start(Nodes.tempDir(), 0, "cluster.enabled", "true", "cluster.name", cluster, "node.name", "a");
    EmbeddedNode b = Nodes.start(Nodes.tempDir(), 0, "cluster.enabled", "true", "cluster.name", cluster, "node.name", "b");
    Recorder r = new Recorder();
    try (JunctionClient worker = JunctionClient.connect(Options.builder().server("tcp://127.0.0.1:" + b.tcpPort()).build());
         JunctionClient client = JunctionClient.connect(r.options(a.tcpPort(), b.tcpPort())
           .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(300)).build())) {
      List<String> ranOn = new CopyOnWriteArrayList<>();
      worker.work(Collections.singletonList("render"), 2, false, task -> {
        ranOn.add(task.token());
        task.progress(Collections.singletonMap("percent", 50));
        return Collections.singletonMap("pages", task.args().path("pages").asInt());
      }).get(10, TimeUnit.SECONDS);

      // the worker's registration reaches node a asynchronously
      Job render = null;
      for (int i = 0; render == null; i++) {
        try {
          render = client.submit("render", Collections.singletonMap("pages", 12)).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          assertTrue(e.getCause() instanceof JunctionException && i < 50, e::toString);
          Thread.sleep(100);
        }
      }
      List<JobStatus> progress = new CopyOnWriteArrayList<>();
      JobStatus rendered = render.result(progress::add).get(20, TimeUnit.SECONDS);
      assertEquals(12, rendered.response().path("pages").asInt());
      assertEquals(Collections.singletonList(render.token()), ranOn, "run once, by the worker on node b");

      Job sleep = client.submit("sleep", Collections.singletonMap("ms", 1500)).get(10, TimeUnit.SECONDS);
      CompletableFuture<JobStatus> result = sleep.result();
      a.close(); // the job's home stops while it runs; node b adopts it and runs it again
      JobStatus slept = result.get(60, TimeUnit.SECONDS);
      assertEquals("success", slept.status(), slept::toString);
      assertEquals(1500, slept.response().path("slept").asInt());
      assertEquals("tcp://127.0.0.1:" + b.tcpPort(), client.currentServer().toString());
      sleep.confirm().get(10, TimeUnit.SECONDS);
      assertFalse(client.job(sleep.token()).status().handle((s, e) -> e == null).get(10, TimeUnit.SECONDS),
        "confirmed on b: unknown");
    } finally {
      b.close();
      a.close();
    }
  }

  @Test
  void aCliWorkerOnOneNodeTakesTheJobsSubmittedOnTheOther() throws Exception {
    String cluster = "junction-client-test-" + UUID.randomUUID();
    EmbeddedNode a = Nodes.start(Nodes.tempDir(), 0, "cluster.enabled", "true", "cluster.name", cluster, "node.name", "a");
    EmbeddedNode b = Nodes.start(Nodes.tempDir(), 0, "cluster.enabled", "true", "cluster.name", cluster, "node.name", "b");
    Process worker = CliTesting.worker("--server", "tcp://127.0.0.1:" + b.tcpPort(), "job", "worker", "transcode", "--count", "1");
    try (JunctionClient client = JunctionClient.connect(Options.builder().server("tcp://127.0.0.1:" + a.tcpPort()).build())) {
      Job job = null;
      for (int i = 0; job == null; i++) { // the worker's registration reaches node a asynchronously
        try {
          job = client.submit("transcode", "video-1", Collections.singletonMap("codec", "av1")).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          assertTrue(e.getCause() instanceof JunctionException && i < 50, e::toString);
          Thread.sleep(100);
        }
      }
      JobStatus done = job.result().get(20, TimeUnit.SECONDS);
      assertEquals("{\"codec\":\"av1\"}", done.response().toString(), "the echo worker answers with the args");
      assertEquals(Collections.singletonList("video-1 transcode done"), CliTesting.linesAtExit(worker));
      CliTesting.Run confirmed = CliTesting.run("--server", "tcp://127.0.0.1:" + a.tcpPort(), "job", "confirm", "video-1");
      assertEquals(0, confirmed.exit, confirmed.err);
    } finally {
      worker.destroyForcibly();
      b.close();
      a.close();
    }
  }
}
