package io.junction.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job store on a real SQLite file: transitions, group commit, and what survives a kill -9. */
@Timeout(120)
class JobStoreTest {

  @TempDir
  Path dir;

  @Test
  void aJobGoesThroughItsTransitionsAndIsGoneWhenDeleted() throws Exception {
    try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
      Job job = Job.submitted("tok-1", "say_hi", "alice", "{}", 1000);
      store.insert(job).get(10, TimeUnit.SECONDS);
      assertEquals(List.of("tok-1"), tokens(store.withStatus(Job.BUSY).get(10, TimeUnit.SECONDS)));
      Job running = job.started(1001).withProgress("{\"percent\":50}", 1002);
      assertTrue(store.update(running).get(10, TimeUnit.SECONDS));
      Job done = running.succeeded("{\"message\":\"Hi!\"}", 1003);
      store.update(done).get(10, TimeUnit.SECONDS);
      Job read = store.get("tok-1").get(10, TimeUnit.SECONDS).orElseThrow(AssertionError::new);
      assertEquals(Job.SUCCESS, read.status);
      assertEquals("{\"message\":\"Hi!\"}", read.response);
      assertEquals("{\"percent\":50}", read.progress);
      assertEquals("alice", read.owner);
      assertEquals(1, read.attempts);
      assertTrue(store.withStatus(Job.BUSY).get(10, TimeUnit.SECONDS).isEmpty());
      assertTrue(store.delete("tok-1").get(10, TimeUnit.SECONDS));
      assertFalse(store.delete("tok-1").get(10, TimeUnit.SECONDS));
      assertEquals(Optional.empty(), store.get("tok-1").get(10, TimeUnit.SECONDS));
      assertFalse(store.update(done).get(10, TimeUnit.SECONDS), "no such job any more");
      store.insert(job).get(10, TimeUnit.SECONDS);
      store.update(job.aborted("cancelled", 2000)).get(10, TimeUnit.SECONDS);
      assertFalse(store.update(running.withProgress("{\"percent\":99}", 2001)).get(10, TimeUnit.SECONDS),
        "a late busy state does not undo the end");
      assertEquals(Job.ABORTED, store.get("tok-1").get(10, TimeUnit.SECONDS).orElseThrow(AssertionError::new).status);
    }
  }

  @Test
  void aDuplicateTokenFailsAloneInItsBatch() throws Exception {
    try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
      store.insert(Job.submitted("same", "echo", null, "{}", 1)).get(10, TimeUnit.SECONDS);
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        writes.add(store.insert(Job.submitted(i == 25 ? "same" : "other-" + i, "echo", null, "{}", 2)));
      }
      for (int i = 0; i < 50; i++) {
        CompletableFuture<Void> w = writes.get(i);
        if (i == 25) {
          assertThrows(CompletionException.class, w::join);
        } else {
          w.get(10, TimeUnit.SECONDS);
        }
      }
      assertEquals(50, store.withStatus(Job.BUSY).get(10, TimeUnit.SECONDS).size());
    }
  }

  @Test
  void concurrentWritesShareCommitsAndAllArrive() throws Exception {
    try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        writes.add(store.insert(Job.submitted("j" + i, "echo", null, "{}", i)));
      }
      CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
      assertEquals(2000, store.withStatus(Job.BUSY).get(10, TimeUnit.SECONDS).size());
      assertTrue(store.commits() < 2000, "group commit: " + store.commits() + " commits for 2000 writes");
    }
  }

  @Test
  void finishedJobsExpireAndBusyOnesDoNot() throws Exception {
    try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
      store.insert(Job.submitted("old-done", "echo", null, "{}", 10)).get(10, TimeUnit.SECONDS);
      store.update(Job.submitted("old-done", "echo", null, "{}", 10).aborted("cancelled", 20)).get(10, TimeUnit.SECONDS);
      store.insert(Job.submitted("old-busy", "echo", null, "{}", 10)).get(10, TimeUnit.SECONDS);
      store.insert(Job.submitted("new-done", "echo", null, "{}", 10)).get(10, TimeUnit.SECONDS);
      store.update(Job.submitted("new-done", "echo", null, "{}", 10).succeeded("1", 5000)).get(10, TimeUnit.SECONDS);
      assertEquals(1, store.deleteFinishedBefore(1000).get(10, TimeUnit.SECONDS));
      assertTrue(store.get("old-busy").get(10, TimeUnit.SECONDS).isPresent());
      assertTrue(store.get("new-done").get(10, TimeUnit.SECONDS).isPresent());
    }
  }

  @Test
  void everyAcknowledgedJobSurvivesAKill9OfTheProcessWritingIt() throws Exception {
    Path db = dir.resolve("crash.db");
    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-cp", System.getProperty("java.class.path"), JobStoreCrashWriter.class.getName(), db.toString())
      .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < 2000 && (line = out.readLine()) != null) {
        acknowledged.add(line);
      }
      writer.toHandle().destroyForcibly(); // SIGKILL; unlike Process.destroyForcibly, leaves the pipe readable
      while ((line = out.readLine()) != null) {
        acknowledged.add(line); // printed before the kill
      }
      writer.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(acknowledged.size() >= 2000, "the writer acknowledged " + acknowledged.size());
    try (JobStore store = JobStore.open(db)) {
      List<String> stored = tokens(store.withStatus(Job.BUSY).get(30, TimeUnit.SECONDS));
      List<String> missing = new ArrayList<>(acknowledged);
      missing.removeAll(new java.util.HashSet<>(stored));
      assertEquals(List.of(), missing, "acknowledged but lost");
    }
  }

  private static List<String> tokens(List<Job> jobs) {
    List<String> out = new ArrayList<>();
    jobs.forEach(j -> out.add(j.token));
    return out;
  }
}
