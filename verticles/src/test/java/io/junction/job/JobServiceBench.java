package io.junction.job;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Submit-to-success jobs per second through the job service of one node with its durable store: {@code echo}
 * jobs, up to {@code window} in flight, each synced when submitted and when finished. A benchmark, not a test:
 * {@code java -cp ... io.junction.job.JobServiceBench [jobs] [window]}.
 */
public final class JobServiceBench {

  private JobServiceBench() {
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Path dir = Files.createTempDirectory("junction-job-bench");
    Vertx vertx = Vertx.vertx();
    Semaphore inFlight = new Semaphore(window);
    CountDownLatch done = new CountDownLatch(jobs);
    vertx.eventBus().addOutboundInterceptor(ctx -> {
      if (ctx.message().address().startsWith(JobService.EVENTS) && ctx.body() instanceof JsonObject
        && ((JsonObject) ctx.body()).getBoolean("finished", false)) {
        inFlight.release();
        done.countDown();
      }
      ctx.next();
    });
    JobSettings settings = new JobSettings(86_400, new JobSettings.Limits(8, window, 300), Map.of());
    try (JobStore store = JobStore.open(dir.resolve("jobs.db"))) {
      JobService service = new JobService(vertx, store, settings, BuiltInJobs.all());
      service.start().await(10, TimeUnit.SECONDS);
      long t0 = System.nanoTime();
      long commits0 = store.commits();
      for (int i = 0; i < jobs; i++) {
        inFlight.acquire();
        service.submit(null, "echo", "b" + i, new JsonObject().put("n", i))
          .onFailure(e -> {
            System.err.println("submit failed: " + e);
            System.exit(1);
          });
      }
      if (!done.await(300, TimeUnit.SECONDS)) {
        throw new IllegalStateException(done.getCount() + " jobs did not finish");
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "%,d echo jobs submit-to-success in %.2f s = %,.0f jobs/s (window %d, %,d commits, %.1f writes per commit)%n",
        jobs, s, jobs / s, window, store.commits() - commits0, 3.0 * jobs / (store.commits() - commits0));
      service.close();
    } finally {
      vertx.close();
    }
  }
}
