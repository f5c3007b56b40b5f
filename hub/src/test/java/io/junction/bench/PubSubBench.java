package io.junction.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workloads of shared/reference/peer-baselines.md against Junction and the stock Vert.x TCP bridge, each in
 * its own process, side by side in one run (absolute figures move by up to 30 % between runs on these machines;
 * compare within a run):
 * <ul>
 *   <li>W1: 1 publisher, 1 subscriber, 200,000 messages of about 100 bytes; messages delivered per second.</li>
 *   <li>W2: 1 publisher, 10 subscribers, 50,000 messages each delivered to all; deliveries per second.</li>
 *   <li>RR: 20,000 sequential request-reply round trips to an echo service after 5,000 warm-up; p50 and p99 µs.</li>
 * </ul>
 * Server CPU per delivery is the server's CPU time during the workload over the deliveries.
 * Usage: {@code bin/bench [runs]} (default 3).
 */
public final class PubSubBench {

  static final String ADDRESS = "scope.lobby.bench";
  /** The default lobby, without its history: plain pub/sub, comparable with the stock bridge. */
  static final String NO_HISTORY = "-Djunction.scopes.rules={\"lobby\": {\"join\": [\"anonymous\"], "
    + "\"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"], \"history_size\": 0}}";

  private PubSubBench() {
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path jar = Path.of(System.getProperty("junction.hub.jar", "hub/target/junction-hub.jar"));
    Path data = Files.createTempDirectory("junction-bench");
    List<String> rows = new ArrayList<>();
    try (ServerProcess stock = ServerProcess.stock();
         ServerProcess junction = ServerProcess.junction("junction", jar, data.resolve("plain"), List.of(NO_HISTORY));
         ServerProcess history = ServerProcess.junction("junction, scope with history", jar, data.resolve("history"), List.of())) {
      for (ServerProcess s : new ServerProcess[] {stock, junction, history}) {
        warmUp(s);
      }
      for (ServerProcess s : new ServerProcess[] {stock, junction, history}) {
        rows.add(row(s, runs));
      }
      System.out.println();
      System.out.println("| server | W1 msgs/s | W2 deliveries/s | server CPU µs/delivery W1 / W2 | RR p50 µs | RR p99 µs | RSS MiB after |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|");
      rows.forEach(System.out::println);
      System.out.println("(medians of " + runs + " runs, " + Runtime.getRuntime().availableProcessors() + " cores, everything on 127.0.0.1)");
    }
  }

  private static void warmUp(ServerProcess s) throws Exception {
    for (int i = 0; i < 3; i++) {
      pubSub(s, 1, 50_000);
      pubSub(s, 10, 5_000);
    }
    requestReply(s, 5_000, 0);
  }

  private static String row(ServerProcess s, int runs) throws Exception {
    double[] w1 = new double[runs];
    double[] w2 = new double[runs];
    double[] cpu1 = new double[runs];
    double[] cpu2 = new double[runs];
    double[] p50 = new double[runs];
    double[] p99 = new double[runs];
    for (int r = 0; r < runs; r++) {
      Result a = pubSub(s, 1, 200_000);
      Result b = pubSub(s, 10, 50_000);
      long[] rr = requestReply(s, 5_000, 20_000);
      w1[r] = a.rate;
      cpu1[r] = a.cpuPerDelivery;
      w2[r] = b.rate;
      cpu2[r] = b.cpuPerDelivery;
      p50[r] = rr[0];
      p99[r] = rr[1];
      System.out.printf(Locale.ROOT, "%s run %d: W1 %,.0f msgs/s (%.2f µs cpu), W2 %,.0f deliveries/s (%.2f µs cpu), RR p50 %d µs p99 %d µs%n",
        s.name, r + 1, a.rate, a.cpuPerDelivery, b.rate, b.cpuPerDelivery, rr[0], rr[1]);
    }
    return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f / %.2f | %.0f | %.0f | %d |",
      s.name, median(w1), median(w2), median(cpu1), median(cpu2), median(p50), median(p99), s.rssMiB());
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  static final class Result {
    final double rate;
    final double cpuPerDelivery;

    Result(double rate, double cpuPerDelivery) {
      this.rate = rate;
      this.cpuPerDelivery = cpuPerDelivery;
    }
  }

  /** One publisher, {@code subscribers} subscribers, {@code messages} publishes of about 100 bytes of JSON. */
  static Result pubSub(ServerProcess s, int subscribers, int messages) throws Exception {
    List<BenchClient> subs = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(subscribers);
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (BenchClient pub = new BenchClient(s.port)) {
      for (int i = 0; i < subscribers; i++) {
        BenchClient c = new BenchClient(s.port);
        c.register(ADDRESS);
        c.sync();
        subs.add(c);
      }
      // the stock bridge acknowledges no register (Junction's pong above does): give it time to take effect
      Thread.sleep(100);
      for (BenchClient c : subs) {
        Thread t = new Thread(() -> {
          try {
            for (int n = 0; n < messages; n++) {
              c.skipFrame();
            }
          } catch (Exception e) {
            failure.set(e);
          }
          done.countDown();
        });
        t.setDaemon(true);
        t.start();
      }
      byte[][] frames = new byte[messages][];
      for (int n = 0; n < messages; n++) {
        frames[n] = ("{\"type\":\"publish\",\"address\":\"" + ADDRESS + "\",\"body\":{\"n\":" + n
          + ",\"payload\":\"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123\"}}").getBytes(StandardCharsets.UTF_8);
      }
      long cpu0 = s.cpuMicros();
      long t0 = System.nanoTime();
      for (byte[] f : frames) {
        pub.frame(f);
      }
      pub.flush();
      done.await();
      long elapsed = System.nanoTime() - t0;
      long cpu = s.cpuMicros() - cpu0;
      if (failure.get() != null) {
        throw new IllegalStateException(s.name + ": a subscriber failed (was it cut off as a slow consumer?)", failure.get());
      }
      long deliveries = (long) messages * subscribers;
      return new Result(deliveries * 1e9 / elapsed, (double) cpu / deliveries);
    } finally {
      for (BenchClient c : subs) {
        c.close();
      }
    }
  }

  /** Sequential requests to hub.echo; returns {p50, p99} in microseconds of the measured ones. */
  static long[] requestReply(ServerProcess s, int warmUp, int measured) throws Exception {
    try (BenchClient c = new BenchClient(s.port)) {
      long[] times = new long[measured];
      byte[] frame = "{\"type\":\"send\",\"address\":\"hub.echo\",\"replyAddress\":\"r\",\"body\":{\"ping\":1}}".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < warmUp + measured; i++) {
        long t0 = System.nanoTime();
        c.frame(frame);
        c.flush();
        c.skipFrame();
        if (i >= warmUp) {
          times[i - warmUp] = (System.nanoTime() - t0) / 1000;
        }
      }
      if (measured == 0) {
        return new long[] {0, 0};
      }
      Arrays.sort(times);
      return new long[] {times[measured / 2], times[(int) (measured * 0.99)]};
    }
  }
}
