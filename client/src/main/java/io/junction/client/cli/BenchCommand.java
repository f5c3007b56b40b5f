package io.junction.client.cli;

import io.junction.client.ConnectionEvent;
import io.junction.client.ErrorId;
import io.junction.client.JunctionClient;
import io.junction.client.JunctionException;
import io.junction.client.Options;
import io.junction.client.RawJson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code junction bench w1|w2|rr|jobs}: the workloads of the peer baselines against a running node, through this
 * client library ({@code jobs}: see {@link JobBench}). W1: 1 publisher, 1 subscriber, 200,000 messages. W2: 1 publisher, 10 subscribers, 50,000 messages
 * (deliveries counted). RR: sequential requests to {@code hub.echo}, 20,000 after 5,000 warm-up, p50 and p99.
 * Progress goes to stderr every second; the result to stdout. The publisher stays at most a window of messages
 * ahead of the slowest subscriber (half the hub's default outbound buffer), so a client-side bottleneck never
 * turns into a slow-consumer disconnect; a subscriber that is cut off anyway fails the run with the reason.
 */
final class BenchCommand {

  private BenchCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("bench", "--messages", "--subscribers", "--size", "--address", "--window");
    if (args.positionals.size() != 2) {
      throw new Cli.UsageException("usage: junction bench w1|w2|rr|jobs [--messages N] [--subscribers N] [--size BYTES] [--address A] [--window N]");
    }
    String workload = args.positionals.get(1);
    if (!Arrays.asList("w1", "w2", "rr", "jobs").contains(workload)) {
      throw new Cli.UsageException("bench takes w1, w2, rr or jobs, not " + workload);
    }
    if (workload.equals("jobs")) {
      long jobs = Cli.number("--messages", args.value("--messages", "20000"), 1);
      int window = (int) Cli.number("--window", args.value("--window", "200"), 1);
      try {
        return JobBench.run(cli, jobs, window);
      } catch (Exception e) {
        return cli.fail(e);
      }
    }
    long defaultMessages = workload.equals("w1") ? 200_000 : workload.equals("w2") ? 50_000 : 20_000;
    long messages = Cli.number("--messages", args.value("--messages", String.valueOf(defaultMessages)), 1);
    int subscribers = (int) Cli.number("--subscribers", args.value("--subscribers", workload.equals("w2") ? "10" : "1"), 1);
    int size = (int) Cli.number("--size", args.value("--size", "100"), 16);
    String address = args.value("--address", "scope.lobby.bench");
    RawJson body = body(size);
    try {
      return workload.equals("rr") ? requestReply(cli, messages, body) : pubSub(cli, workload, messages, subscribers, address, body);
    } catch (Exception e) {
      return cli.fail(e);
    }
  }

  /** A JSON object of about {@code size} bytes. */
  static RawJson body(int size) {
    String prefix = "{\"n\":1,\"payload\":\"";
    int pad = Math.max(0, size - prefix.length() - 2);
    return RawJson.of(prefix + String.join("", Collections.nCopies(pad, "x")) + "\"}");
  }

  private static int pubSub(Cli cli, String workload, long messages, int subscribers, String address, RawJson body) throws Exception {
    List<JunctionClient> subs = new ArrayList<>();
    List<AtomicLong> counts = new ArrayList<>();
    AtomicReference<String> failure = new AtomicReference<>();
    long warmUp = Math.max(1, messages / 5);
    // the publisher stays at most this many messages ahead of the slowest subscriber: about half of the hub's
    // default outbound buffer, so the hub never has to cut a subscriber off as a slow consumer
    long window = Math.max(64, 512 * 1024 / (body.text().length() + 64));
    Options.Builder subOptions = cli.options(true).executor(Runnable::run)
      .errorListener(e -> failure.compareAndSet(null, "a subscriber got " + e.getMessage()))
      .connectionListener(e -> {
        if (e.type() == ConnectionEvent.Type.DISCONNECTED) {
          failure.compareAndSet(null, "a subscriber lost its connection: " + e.reason());
        }
      });
    try (JunctionClient pub = cli.connect(cli.options(true).build())) {
      for (int i = 0; i < subscribers; i++) {
        JunctionClient c = cli.connect(subOptions.build());
        subs.add(c);
        AtomicLong mine = new AtomicLong();
        counts.add(mine);
        c.subscribe(address, m -> mine.incrementAndGet()).ready().get(30, TimeUnit.SECONDS);
      }
      Progress progress = new Progress(cli, workload, () -> delivered(counts) + "/" + (warmUp + messages) * subscribers + " deliveries");
      try {
        publish(pub, address, body, 0, warmUp, window, counts, failure);
        long t0 = System.nanoTime();
        publish(pub, address, body, warmUp, warmUp + messages, window, counts, failure);
        double seconds = (System.nanoTime() - t0) / 1e9;
        report(cli, workload, messages, subscribers, body, seconds, messages * subscribers / seconds, pub.currentServer().toString());
        return Cli.OK;
      } finally {
        progress.stop();
      }
    } finally {
      for (JunctionClient c : subs) {
        c.close();
      }
    }
  }

  /** Publishes messages {@code from} to {@code to} and waits until every subscriber has them all. */
  private static void publish(JunctionClient pub, String address, RawJson body, long from, long to, long window,
                              List<AtomicLong> counts, AtomicReference<String> failure) throws InterruptedException {
    long sent = from;
    long lastProgress = System.nanoTime();
    long lastSlowest = -1;
    while (true) {
      long slowest = slowest(counts);
      if (failure.get() != null) {
        throw new JunctionException(ErrorId.CONNECTION_LOST, failure.get());
      }
      if (slowest >= to) {
        return;
      }
      if (slowest != lastSlowest) {
        lastSlowest = slowest;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(30)) {
        throw new JunctionException(ErrorId.TIMEOUT, "no delivery for 30 s (" + slowest + " of " + to + " messages arrived)");
      }
      long limit = Math.min(to, slowest + window);
      if (sent < limit) {
        for (; sent < limit; sent++) {
          pub.publish(address, body);
        }
      } else {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000);
      }
    }
  }

  private static long slowest(List<AtomicLong> counts) {
    long min = Long.MAX_VALUE;
    for (AtomicLong c : counts) {
      min = Math.min(min, c.get());
    }
    return min;
  }

  private static long delivered(List<AtomicLong> counts) {
    long sum = 0;
    for (AtomicLong c : counts) {
      sum += c.get();
    }
    return sum;
  }

  private static void report(Cli cli, String workload, long messages, int subscribers, RawJson body, double seconds,
                             double deliveriesPerSec, String server) {
    double msgsPerSec = messages / seconds;
    if (cli.json) {
      cli.out.println(String.format(Locale.ROOT,
        "{\"workload\":\"%s\",\"server\":%s,\"messages\":%d,\"subscribers\":%d,\"size\":%d,\"seconds\":%.3f,"
          + "\"msgsPerSec\":%.0f,\"deliveriesPerSec\":%.0f}",
        workload, Main.quote(server), messages, subscribers, body.text().length(), seconds, msgsPerSec, deliveriesPerSec));
    } else {
      cli.out.println(String.format(Locale.ROOT, "%s: %,d messages of %d bytes to %d subscriber%s in %.2f s: %,.0f msgs/s, %,.0f deliveries/s",
        workload, messages, body.text().length(), subscribers, subscribers == 1 ? "" : "s", seconds, msgsPerSec, deliveriesPerSec));
    }
  }

  private static int requestReply(Cli cli, long messages, RawJson body) throws Exception {
    long warmUp = Math.min(5_000, messages);
    long[] micros = new long[(int) messages];
    AtomicLong doneCount = new AtomicLong();
    try (JunctionClient c = cli.connect(cli.options(true).build())) {
      Progress progress = new Progress(cli, "rr", () -> doneCount.get() + "/" + messages + " round trips");
      Duration timeout = Duration.ofMillis(cli.timeoutMs);
      for (long i = 0; i < warmUp; i++) {
        c.request("hub.echo", body, timeout);
      }
      for (int i = 0; i < messages; i++) {
        long t0 = System.nanoTime();
        c.request("hub.echo", body, timeout);
        micros[i] = (System.nanoTime() - t0) / 1000;
        doneCount.incrementAndGet();
      }
      progress.stop();
      Arrays.sort(micros);
      long p50 = micros[micros.length / 2];
      long p99 = micros[(int) Math.min(micros.length - 1, Math.round(micros.length * 0.99))];
      if (cli.json) {
        cli.out.println(String.format(Locale.ROOT, "{\"workload\":\"rr\",\"server\":%s,\"messages\":%d,\"p50Micros\":%d,\"p99Micros\":%d}",
          Main.quote(c.currentServer().toString()), messages, p50, p99));
      } else {
        cli.out.println(String.format(Locale.ROOT, "rr: %,d round trips to hub.echo: p50 %d µs, p99 %d µs", messages, p50, p99));
      }
      return Cli.OK;
    }
  }

  /** Prints where a workload stands every second on stderr. */
  static final class Progress {
    private final Thread thread;

    Progress(Cli cli, String name, java.util.function.Supplier<String> where) {
      thread = new Thread(() -> {
        try {
          while (true) {
            Thread.sleep(1000);
            cli.err.println("junction: " + name + ": " + where.get());
          }
        } catch (InterruptedException stopped) {
          // done
        }
      }, "junction-bench-progress");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() {
      thread.interrupt();
    }
  }
}
