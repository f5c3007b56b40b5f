package io.junction.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Durable job inserts per second on this machine's disk: one at a time (each waits for its sync) and many in
 * flight (group commit). A benchmark, not a test: {@code java -cp ... io.junction.job.JobStoreBench [dir]}.
 */
public final class JobStoreBench {

  private JobStoreBench() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("junction-job-bench");
    try (JobStore store = JobStore.open(dir.resolve("bench.db"))) {
      int sequential = 2_000;
      long t0 = System.nanoTime();
      for (int i = 0; i < sequential; i++) {
        store.insert(Job.submitted("s" + i, "echo", null, "{}", i)).join();
      }
      report("one at a time", sequential, System.nanoTime() - t0, store.commits());

      int inFlight = 50_000;
      long commitsBefore = store.commits();
      long t1 = System.nanoTime();
      List<CompletableFuture<Void>> all = new ArrayList<>(inFlight);
      for (int i = 0; i < inFlight; i++) {
        all.add(store.insert(Job.submitted("c" + i, "echo", null, "{}", i)));
      }
      CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
      report("all in flight", inFlight, System.nanoTime() - t1, store.commits() - commitsBefore);
    }
  }

  private static void report(String what, int n, long nanos, long commits) {
    System.out.printf(Locale.ROOT, "%s: %,d durable inserts in %.2f s = %,.0f/s, %,d commits (%.1f per commit)%n",
      what, n, nanos / 1e9, n / (nanos / 1e9), commits, (double) n / commits);
  }
}
