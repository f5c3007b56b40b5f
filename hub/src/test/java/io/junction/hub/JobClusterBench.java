package io.junction.hub;

import io.junction.job.JobService;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Submit-to-success jobs per second in a cluster of two nodes in this JVM: {@code echo} jobs submitted through
 * node a's job service, up to {@code window} in flight, each claimed in the cluster's directory, synced to a's
 * store when submitted and finished, and written to the directory (whose entries node b owns half of) at each
 * change: what the cluster adds to {@code JobServiceBench}'s one node. A benchmark, not a test:
 * {@code java -cp <hub test classpath> io.junction.hub.JobClusterBench [jobs] [window]}.
 */
public final class JobClusterBench {

  private JobClusterBench() {
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Path dir = Files.createTempDirectory("junction-job-cluster-bench");
    JunctionNode a = start(dir.resolve("a"), "a", window, jobs);
    JunctionNode b = start(dir.resolve("b"), "b", window, jobs);
    try {
      Semaphore inFlight = new Semaphore(window);
      CountDownLatch done = new CountDownLatch(jobs);
      a.vertx.eventBus().addOutboundInterceptor(ctx -> {
        if (ctx.message().address().startsWith(JobService.EVENTS) && ctx.body() instanceof JsonObject
          && ((JsonObject) ctx.body()).getBoolean("finished", false)) {
          inFlight.release();
          done.countDown();
        }
        ctx.next();
      });
      JobService submitter = a.jobs;
      long t0 = System.nanoTime();
      for (int i = 0; i < jobs; i++) {
        inFlight.acquire();
        submitter.submit(null, "echo", "c" + i, new JsonObject().put("n", i)).onFailure(e -> {
          System.err.println("submit failed: " + e);
          System.exit(1);
        });
      }
      if (!done.await(600, TimeUnit.SECONDS)) {
        throw new IllegalStateException(done.getCount() + " jobs did not finish");
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "%,d echo jobs submit-to-success on node a of a 2-node cluster in %.2f s = %,.0f jobs/s (window %d)%n",
        jobs, s, jobs / s, window);
    } finally {
      b.stop();
      a.stop();
    }
  }

  private static JunctionNode start(Path data, String name, int window, int jobs) {
    Map<String, String> o = Nodes.testOverrides(data, name, true);
    o.put("jobs.defaults.queue", String.valueOf(Math.max(window, jobs)));
    o.put("jobs.defaults.concurrency", "8");
    return Nodes.start(o);
  }
}
