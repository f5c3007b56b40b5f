package io.junction.client.cli;

import io.junction.client.JunctionClient;

import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code junction bench jobs}: whole job lifecycles through this client against a running node: submit an
 * {@code echo} job, follow it to {@code success} ({@code Job.result()}), confirm it; up to {@code --window} at
 * once, {@code --messages} jobs after a fifth as many to warm up. Every job is synced to the node's disk when
 * submitted, when it ends and when it is confirmed. The result: lifecycles per second.
 */
final class JobBench {

  private JobBench() {
  }

  static int run(Cli cli, long jobs, int window) throws Exception {
    try (JunctionClient c = cli.connect(cli.options(true).build())) {
      AtomicLong done = new AtomicLong();
      BenchCommand.Progress progress = new BenchCommand.Progress(cli, "jobs", () -> done.get() + " jobs done");
      try {
        lifecycles(c, Math.max(1, jobs / 5), window, done);
        long t0 = System.nanoTime();
        lifecycles(c, jobs, window, done);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (cli.json) {
          cli.out.println(String.format(Locale.ROOT, "{\"workload\":\"jobs\",\"server\":%s,\"jobs\":%d,\"window\":%d,"
            + "\"seconds\":%.3f,\"jobsPerSec\":%.0f}", Main.quote(c.currentServer().toString()), jobs, window, seconds, jobs / seconds));
        } else {
          cli.out.println(String.format(Locale.ROOT, "jobs: %,d echo jobs submitted, followed to success and confirmed, "
            + "%d at once, in %.2f s: %,.0f jobs/s", jobs, window, seconds, jobs / seconds));
        }
        return Cli.OK;
      } finally {
        progress.stop();
      }
    }
  }

  private static void lifecycles(JunctionClient c, long jobs, int window, AtomicLong done) throws Exception {
    Semaphore slots = new Semaphore(window);
    CountDownLatch all = new CountDownLatch((int) jobs);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (long i = 0; i < jobs && failure.get() == null; i++) {
      while (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
        if (failure.get() != null) {
          break;
        }
      }
      c.submit("echo", Collections.singletonMap("n", i))
        .thenCompose(job -> job.result().thenCompose(end -> {
          if (!end.succeeded()) {
            throw new IllegalStateException("job " + end.token() + " ended " + end.status() + ": " + end.reason());
          }
          return job.confirm();
        }))
        .whenComplete((v, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
          done.incrementAndGet();
          slots.release();
          all.countDown();
        });
    }
    if (failure.get() == null && !all.await(300, TimeUnit.SECONDS)) {
      throw new IllegalStateException(all.getCount() + " jobs did not end within 300 s");
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a job failed: " + failure.get().getMessage(), failure.get());
    }
  }
}
