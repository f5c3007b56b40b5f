package io.junction.job;

import io.junction.bridge.BridgeException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job service of one node on a real store: statuses, errors, limits, cancel, timeout, restart. */
@Timeout(60)
class JobServiceTest {

  @TempDir
  Path dir;
  Vertx vertx;
  JobStore store;
  JobService jobs;
  final AtomicInteger counted = new AtomicInteger();

  /** A plug-in that counts its runs; not retryable. */
  final JobHandler counting = new JobHandler() {
    @Override
    public String command() {
      return "count";
    }

    @Override
    public Object run(JobContext job) throws Exception {
      BuiltInJobs.waitReporting(job, BuiltInJobs.delay(job.args(), "delayMs"));
      return new JsonObject().put("run", counted.incrementAndGet());
    }
  };

  final JobHandler failing = new JobHandler() {
    @Override
    public String command() {
      return "fail";
    }

    @Override
    public Object run(JobContext job) {
      throw new IllegalStateException("the robot is stuck");
    }
  };

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    open(settings(4, 1000, 300));
  }

  private static JobSettings settings(int concurrency, int queue, int timeoutSeconds) {
    return new JobSettings(86_400, new JobSettings.Limits(4, 1000, 300),
      Map.of("sleep", new JobSettings.Limits(concurrency, queue, timeoutSeconds)));
  }

  private void open(JobSettings settings) throws Exception {
    store = JobStore.open(dir.resolve("jobs.db"));
    List<JobHandler> handlers = new ArrayList<>(BuiltInJobs.all());
    handlers.add(counting);
    handlers.add(failing);
    jobs = new JobService(vertx, store, settings, handlers);
    await(jobs.start());
  }

  private void restart(JobSettings settings) throws Exception {
    jobs.close();
    store.close();
    open(settings);
  }

  @AfterEach
  void stop() {
    jobs.close();
    store.close();
    vertx.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  static String error(Future<?> f) {
    BridgeException e = assertThrows(BridgeException.class, () -> await(f));
    return e.code().id();
  }

  /** Status events of one token, in order. */
  BlockingQueue<JsonObject> events(String token) throws Exception {
    BlockingQueue<JsonObject> q = new LinkedBlockingQueue<>();
    await(vertx.eventBus().<JsonObject>consumer(JobService.EVENTS + token, m -> q.add(m.body())).completion());
    return q;
  }

  JsonObject finished(String owner, String token) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject s = await(jobs.status(owner, token));
      if (s.getBoolean("finished")) {
        return s;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job " + token + " did not finish");
  }

  @Test
  void aJobIsBusyThenSucceedsWithItsResponseAndEveryChangeIsPublished() throws Exception {
    BlockingQueue<JsonObject> events = events("t1");
    JsonObject busy = await(jobs.submit("alice", "say_hi", "t1", null));
    assertEquals(new JsonObject().put("token", "t1").put("command", "say_hi").put("status", "busy").put("finished", false), busy);
    JsonObject done = finished("alice", "t1");
    assertEquals("success", done.getString("status"));
    assertEquals(new JsonObject().put("message", "Hi!"), done.getJsonObject("response"));
    assertEquals("busy", events.poll(10, TimeUnit.SECONDS).getString("status"));
    assertEquals("success", events.poll(10, TimeUnit.SECONDS).getString("status"));

    JsonObject echoed = finished(null, await(jobs.submit(null, "echo", null, new JsonObject().put("a", 1))).getString("token"));
    assertEquals(new JsonObject().put("a", 1), echoed.getJsonObject("response"));
    assertEquals("Bye!", finished(null, await(jobs.submit(null, "say_bye", null, null)).getString("token"))
      .getJsonObject("response").getString("message"));
  }

  @Test
  void theSameTokenAgainGivesTheSameJobNeverASecondRun() throws Exception {
    JsonObject first = await(jobs.submit("alice", "count", "once", new JsonObject().put("delayMs", 200)));
    JsonObject again = await(jobs.submit("alice", "count", "once", new JsonObject().put("delayMs", 200)));
    assertEquals(first.getString("token"), again.getString("token"));
    assertEquals(1, finished("alice", "once").getJsonObject("response").getInteger("run"));
    assertEquals("success", await(jobs.submit("alice", "count", "once", null)).getString("status"), "finished: its status");
    assertEquals(1, counted.get());
    assertEquals("token_conflict", error(jobs.submit("alice", "echo", "once", null)), "another command");
    assertEquals("token_conflict", error(jobs.submit("bob", "count", "once", null)), "another user");
  }

  @Test
  void tokensBelongToTheirUser() throws Exception {
    await(jobs.submit("alice", "say_hi", "mine", null));
    finished("alice", "mine");
    assertEquals("unknown_token", error(jobs.status("bob", "mine")));
    assertEquals("unknown_token", error(jobs.status(null, "mine")));
    assertEquals("unknown_token", error(jobs.confirm("bob", "mine")));
    assertEquals("unknown_token", error(jobs.cancel("bob", "mine")));
    assertEquals("unknown_token", error(jobs.status("alice", "never-submitted")));
    assertEquals("unknown_token", error(jobs.status("alice", "bad token!")));
  }

  @Test
  void badCommandsAndArgumentsAreRefusedAtSubmit() throws Exception {
    assertEquals("bad_command", error(jobs.submit(null, "fly_to_the_moon", null, null)));
    assertEquals("bad_command", error(jobs.submit(null, "sleep", null, new JsonObject().put("ms", "long"))));
    assertEquals("bad_command", error(jobs.submit(null, "say_hi", null, new JsonObject().put("delayMs", -5))));
    assertEquals("bad_command", error(jobs.submit(null, null, null, null)));
    assertEquals("invalid_frame", error(jobs.submit(null, "say_hi", "white space", null)));
    assertEquals(0, jobs.busy());
  }

  @Test
  void aFinishedJobIsConfirmedOnceAndABusyOneCannotBe() throws Exception {
    await(jobs.submit(null, "sleep", "c1", new JsonObject().put("ms", 300)));
    assertEquals("job_not_finished", error(jobs.confirm(null, "c1")));
    finished(null, "c1");
    assertEquals(new JsonObject().put("token", "c1").put("confirmed", true), await(jobs.confirm(null, "c1")));
    assertEquals("unknown_token", error(jobs.status(null, "c1")));
    assertEquals("unknown_token", error(jobs.confirm(null, "c1")));
  }

  @Test
  void cancelEndsARunningOrWaitingJobAndTheNextOneRuns() throws Exception {
    restart(settings(1, 10, 300));
    BlockingQueue<JsonObject> events = events("long");
    await(jobs.submit(null, "sleep", "long", new JsonObject().put("ms", 30_000)));
    await(jobs.submit(null, "sleep", "waiting", new JsonObject().put("ms", 30_000)));
    await(jobs.submit(null, "sleep", "next", new JsonObject().put("ms", 10)));
    assertEquals("busy", events.poll(10, TimeUnit.SECONDS).getString("status"));
    JsonObject progress = events.poll(10, TimeUnit.SECONDS);
    assertNotNull(progress.getJsonObject("progress"), "a running sleep reports progress: " + progress);

    JsonObject cancelled = await(jobs.cancel(null, "waiting"));
    assertEquals("aborted", cancelled.getString("status"));
    assertEquals("cancelled", cancelled.getString("reason"));
    JsonObject stopped = await(jobs.cancel(null, "long"));
    assertEquals("cancelled", stopped.getString("reason"));
    assertEquals("success", finished(null, "next").getString("status"), "the queue moved on");
    assertEquals("cancelled", await(jobs.cancel(null, "long")).getString("reason"), "cancelling again changes nothing");
  }

  @Test
  void aJobThatRunsTooLongEndsWithTimeoutAndAFailingOneWithItsReason() throws Exception {
    restart(settings(4, 10, 1));
    await(jobs.submit(null, "sleep", "slow", new JsonObject().put("ms", 20_000)));
    JsonObject timedOut = finished(null, "slow");
    assertEquals("aborted", timedOut.getString("status"));
    assertEquals("timeout", timedOut.getString("reason"));
    await(jobs.submit(null, "fail", "stuck", null));
    assertEquals("the robot is stuck", finished(null, "stuck").getString("reason"));
  }

  @Test
  void pastTheQueueLimitSubmitsAreRefused() throws Exception {
    restart(settings(1, 1, 300));
    await(jobs.submit(null, "sleep", "q1", new JsonObject().put("ms", 30_000)));
    long deadline = System.currentTimeMillis() + 10_000;
    while (await(jobs.status(null, "q1")).getJsonObject("progress") == null && System.currentTimeMillis() < deadline) {
      Thread.sleep(20); // until q1 runs and the queue is empty again
    }
    await(jobs.submit(null, "sleep", "q2", new JsonObject().put("ms", 10)));
    assertEquals("queue_full", error(jobs.submit(null, "sleep", "q3", null)));
    await(jobs.cancel(null, "q1"));
    assertEquals("success", finished(null, "q2").getString("status"));
    assertEquals("busy", await(jobs.submit(null, "sleep", "q3", null)).getString("status"), "room again");
  }

  @Test
  void anUnconfirmedFinishedJobIsForgottenAfterTheExpiryAndABusyOneIsNot() throws Exception {
    restart(new JobSettings(1, new JobSettings.Limits(4, 1000, 300), Map.of()));
    await(jobs.submit(null, "say_hi", "forgotten", null));
    await(jobs.submit(null, "sleep", "still-busy", new JsonObject().put("ms", 30_000)));
    finished(null, "forgotten");
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        await(jobs.status(null, "forgotten"));
        Thread.sleep(50);
      } catch (BridgeException gone) {
        assertEquals("unknown_token", gone.code().id());
        assertEquals("busy", await(jobs.status(null, "still-busy")).getString("status"), "busy jobs never expire");
        return;
      }
    }
    throw new AssertionError("the finished job was not forgotten within 10 s of its 1 s expiry");
  }

  @Test
  void afterARestartRetryableJobsRunAgainAndOthersEndAborted() throws Exception {
    await(jobs.submit("alice", "count", "not-retryable", new JsonObject().put("delayMs", 30_000)));
    await(jobs.submit("alice", "sleep", "retryable", new JsonObject().put("ms", 30_000)));
    await(jobs.submit("alice", "say_hi", "finished-before", null));
    finished("alice", "finished-before");

    restart(settings(4, 1000, 300)); // the running jobs stay busy in the store, as after a crash

    JsonObject aborted = await(jobs.status("alice", "not-retryable"));
    assertEquals("aborted", aborted.getString("status"));
    assertEquals("node_restarted", aborted.getString("reason"));
    assertEquals("busy", await(jobs.status("alice", "retryable")).getString("status"), "running again");
    assertEquals("success", await(jobs.status("alice", "finished-before")).getString("status"), "waits for its confirm");
    assertEquals(1, jobs.busy());
    assertTrue(await(jobs.cancel("alice", "retryable")).getBoolean("finished"));
  }
}
