package io.junction.job;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The commands every node has: {@code say_hi}, {@code say_bye}, {@code echo} (the response is the arguments) and
 * {@code sleep} ({@code {"ms": N}}). Each takes an optional {@code delayMs} to behave like a long command, and
 * reports progress while it waits. All are retryable: running them again does no harm.
 */
public final class BuiltInJobs {

  /** Longest {@code delayMs} or {@code ms} accepted: one day. */
  static final long MAX_DELAY_MS = 86_400_000L;

  private BuiltInJobs() {
  }

  public static List<JobHandler> all() {
    return List.of(
      simple("say_hi", args -> new JsonObject().put("message", "Hi!")),
      simple("say_bye", args -> new JsonObject().put("message", "Bye!")),
      simple("echo", args -> args),
      new Sleep());
  }

  interface Response {
    Object of(JsonObject args);
  }

  private static JobHandler simple(String name, Response response) {
    return new JobHandler() {
      @Override
      public String command() {
        return name;
      }

      @Override
      public boolean retryable() {
        return true;
      }

      @Override
      public void check(JsonObject args) {
        delay(args, "delayMs");
      }

      @Override
      public Object run(JobContext job) throws Exception {
        waitReporting(job, delay(job.args(), "delayMs"));
        return response.of(job.args());
      }
    };
  }

  private static final class Sleep implements JobHandler {
    @Override
    public String command() {
      return "sleep";
    }

    @Override
    public boolean retryable() {
      return true;
    }

    @Override
    public void check(JsonObject args) {
      delay(args, "ms");
      delay(args, "delayMs");
    }

    @Override
    public Object run(JobContext job) throws Exception {
      long ms = delay(job.args(), "ms") + delay(job.args(), "delayMs");
      waitReporting(job, ms);
      return new JsonObject().put("slept", ms);
    }
  }

  /** A delay argument in ms (0 when absent). @throws IllegalArgumentException when not a number in range */
  static long delay(JsonObject args, String key) {
    Object v = args.getValue(key);
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Number) || ((Number) v).longValue() < 0 || ((Number) v).longValue() > MAX_DELAY_MS) {
      throw new IllegalArgumentException(key + " must be a number of milliseconds from 0 to " + MAX_DELAY_MS);
    }
    return ((Number) v).longValue();
  }

  /** Waits {@code ms}, reporting {@code {"percent"}} about every tenth, and stops early when cancelled. */
  static void waitReporting(JobContext job, long ms) throws InterruptedException {
    long start = System.currentTimeMillis();
    long step = Math.max(50, ms / 10);
    while (!job.cancelled()) {
      long left = ms - (System.currentTimeMillis() - start);
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(step, left));
      long done = Math.min(ms, System.currentTimeMillis() - start);
      if (done < ms) {
        job.progress(new JsonObject().put("percent", (int) (done * 100 / ms)));
      }
    }
  }
}
