package io.junction.client;

import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jobs from the Java client: submitting, following, confirming, cancelling, and being a worker. */
@Timeout(90)
class ClientJobsTest {

  static EmbeddedNode node;

  @BeforeAll
  static void start() {
    node = Nodes.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JunctionClient connect(int port) {
    return JunctionClient.connect(new Recorder().options(port).reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(300)).build());
  }

  private static ErrorId errorOf(ExecutionException e) {
    return ((JunctionException) e.getCause()).errorId();
  }

  @Test
  void aSubmittedJobIsFollowedToItsResultAndConfirmed() throws Exception {
    try (JunctionClient c = connect(node.tcpPort())) {
      Job hi = c.submit("say_hi", null).get(10, TimeUnit.SECONDS);
      assertEquals("busy", hi.submitted().status());
      JobStatus done = hi.result().get(20, TimeUnit.SECONDS);
      assertEquals("Hi!", done.response().path("message").asText());
      hi.confirm().get(10, TimeUnit.SECONDS);
      assertEquals(ErrorId.UNKNOWN_TOKEN, errorOf(assertThrows(ExecutionException.class, () -> hi.status().get(10, TimeUnit.SECONDS))));

      List<JobStatus> progress = new CopyOnWriteArrayList<>();
      Job sleep = c.submit("sleep", "my-sleep", Collections.singletonMap("ms", 800)).get(10, TimeUnit.SECONDS);
      assertEquals("my-sleep", sleep.token());
      JobStatus slept = sleep.result(progress::add).get(20, TimeUnit.SECONDS);
      assertEquals(800, slept.response().path("slept").asInt());
      assertFalse(progress.isEmpty(), "progress while it slept");
      assertTrue(progress.get(0).progress().has("percent"));
      assertEquals("success", c.job("my-sleep").status().get(10, TimeUnit.SECONDS).status(), "found again by token");

      assertEquals(ErrorId.BAD_COMMAND, errorOf(assertThrows(ExecutionException.class,
        () -> c.submit("fly", null).get(10, TimeUnit.SECONDS))));
    }
  }

  @Test
  void aClientWorkerRunsJobsReportsProgressAndFailures() throws Exception {
    try (JunctionClient worker = connect(node.tcpPort()); JunctionClient c = connect(node.tcpPort())) {
      worker.work(Arrays.asList("resize", "crash"), 2, false, task -> {
        if (task.command().equals("crash")) {
          throw new IllegalStateException("out of memory");
        }
        task.progress(Collections.singletonMap("percent", 50));
        return Collections.singletonMap("url", "/img/" + task.args().path("width").asInt());
      }).get(10, TimeUnit.SECONDS);
      List<JobStatus> progress = new CopyOnWriteArrayList<>();
      Job resize = c.submit("resize", Collections.singletonMap("width", 64)).get(10, TimeUnit.SECONDS);
      JobStatus done = resize.result(progress::add).get(20, TimeUnit.SECONDS);
      assertEquals("/img/64", done.response().path("url").asText());
      JobStatus crashed = c.submit("crash", null).get(10, TimeUnit.SECONDS).result().get(20, TimeUnit.SECONDS);
      assertEquals("aborted", crashed.status());
      assertEquals("out of memory", crashed.reason());
    }
  }

  @Test
  void cancellingAJobStopsItsWorkerTask() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    try (JunctionClient worker = connect(node.tcpPort()); JunctionClient c = connect(node.tcpPort())) {
      worker.work(Collections.singletonList("forever"), 1, false, task -> {
        started.countDown();
        try {
          while (!task.cancelled()) {
            Thread.sleep(10);
          }
        } finally {
          stopped.countDown();
        }
        return null;
      }).get(10, TimeUnit.SECONDS);
      Job job = c.submit("forever", null).get(10, TimeUnit.SECONDS);
      assertTrue(started.await(10, TimeUnit.SECONDS));
      JobStatus cancelled = job.cancel().get(10, TimeUnit.SECONDS);
      assertEquals("cancelled", cancelled.reason());
      assertTrue(stopped.await(10, TimeUnit.SECONDS), "the worker's task was told");
    }
  }

  @Test
  void aWorkerThatLosesItsConnectionRegistersAgainAfterTheReconnect() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    try (CuttableProxy proxy = new CuttableProxy(node.tcpPort()); JunctionClient worker = connect(proxy.port());
         JunctionClient c = connect(node.tcpPort())) {
      worker.work(Collections.singletonList("deliver"), 1, false, task -> {
        if (task.args().path("block").asBoolean()) {
          running.countDown();
          while (!task.cancelled()) {
            Thread.sleep(10);
          }
        }
        return "delivered " + task.args().path("n").asInt();
      }).get(10, TimeUnit.SECONDS);
      Job lost = c.submit("deliver", Collections.singletonMap("block", true)).get(10, TimeUnit.SECONDS);
      assertTrue(running.await(10, TimeUnit.SECONDS));
      proxy.cut();
      JobStatus status = lost.result().get(20, TimeUnit.SECONDS);
      assertEquals("worker_lost", status.reason());
      proxy.heal();
      // the worker comes back and takes new jobs (submit until the registration is in place again)
      JobStatus again = null;
      for (int n = 1; again == null && n < 200; n++) {
        try {
          again = c.submit("deliver", Collections.singletonMap("n", n)).get(10, TimeUnit.SECONDS).result().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException noWorkerYet) {
          assertEquals(ErrorId.BAD_COMMAND, errorOf(noWorkerYet));
          Thread.sleep(50);
        }
      }
      assertTrue(again != null && again.response().asText().startsWith("delivered "), String.valueOf(again));
    }
  }
}
