package io.junction.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Slow consumers (behaviour figures, not speed): a publisher paced at 200,000 msgs/s for 3 s over TCP, three
 * subscribers; two read throughout, the third stops reading 1 s in for 50 ms, 200 ms or 1 s and then reads on, or
 * never reads at all; a reference case has three readers. Per case: what the pausing subscriber got and lost, whether
 * the server cut it (closed its socket, seen in /proc; or sent a slow-consumer error), when, the other subscribers'
 * throughput against the reference case, the server's RSS, and the WARN lines it logged meanwhile.
 */
final class StallSection implements Section {

  static final int RATE = 200_000;
  static final int SECONDS = 3;
  private static final long PAUSE_AT_NANOS = 1_000_000_000L;
  private static final long SLOT_NANOS = 5_000_000L;
  private static final long[] PAUSES = {0, 50, 200, 1000, -1};
  private static final java.util.regex.Pattern SLOW_COUNTER =
    java.util.regex.Pattern.compile("\"[A-Za-z_]*[Ss]low[A-Za-z_]*\"\\s*:\\s*(\\d+)");

  @Override
  public String name() {
    return "stall";
  }

  /** A server under test; {@code statsPort}/{@code statsPath}: its monitoring page with a slow-consumer counter. */
  private record Peer(String name, ServerProcess server, BusClient.Factory clients, String address, int statsPort,
                      String statsPath) {

    /** The sum of the counters whose name mentions "slow" on the monitoring page, -1 if it cannot be read. */
    long slowCount() {
      try {
        java.util.regex.Matcher m = SLOW_COUNTER.matcher(HttpChunks.get(statsPort, statsPath));
        long sum = 0;
        while (m.find()) {
          sum += Long.parseLong(m.group(1));
        }
        return sum;
      } catch (Exception e) {
        return -1;
      }
    }
  }

  /** One case of one run. */
  private record Outcome(double pubRate, long stallerGot, long sent, boolean cut, double declaredAfterMs, double cutAfterMs,
                         double othersRate, long othersLost, int othersCut, long rssBefore, long rssPeak, long rssAfter,
                         long warnings) {
  }

  @Override
  public List<Table> run(Bench b) throws Exception {
    List<Peer> peers = new ArrayList<>();
    ServerProcess j = b.junctionPlain("Junction");
    peers.add(new Peer("Junction", j, TcpBridgeClient.factory(j.port("tcp")), Bench.ADDRESS, j.port("http"), "/health"));
    if (Servers.natsInstalled()) {
      ServerProcess n = b.servers.nats(false);
      peers.add(new Peer("NATS", n, () -> NatsClient.tcp(n.port("tcp")), Bench.NATS_SUBJECT, n.port("monitor"), "/varz"));
    }
    List<List<List<Outcome>>> all = new ArrayList<>(); // peer, case, run
    for (Peer p : peers) {
      List<List<Outcome>> cases = new ArrayList<>();
      for (long ignored : PAUSES) {
        cases.add(new ArrayList<>());
      }
      all.add(cases);
      runCase(p, 0, RATE / 2); // warm-up
    }
    for (int run = 1; run <= b.runs; run++) {
      for (int i = 0; i < peers.size(); i++) {
        for (int c = 0; c < PAUSES.length; c++) {
          Outcome o = runCase(peers.get(i), PAUSES[c], RATE * SECONDS);
          all.get(i).get(c).add(o);
          Bench.log("  stall run %d, %s, %s: published %s/s; pausing subscriber got %,d of %,d%s; others %s/s, %,d lost, %d cut; "
              + "RSS %d → %d → %d MiB; %d WARN lines", run, peers.get(i).name(), label(PAUSES[c]), Stats.count(o.pubRate()),
            o.stallerGot(), o.sent(), o.cut() ? ", cut" : "", Stats.count(o.othersRate()), o.othersLost(), o.othersCut(),
            o.rssBefore() / 1024, o.rssPeak() / 1024, o.rssAfter() / 1024, o.warnings());
          Bench.log("    first slow-consumer count after %s ms, the pausing subscriber's socket closed after %s ms",
            ms(o.declaredAfterMs()), ms(o.cutAfterMs()));
        }
      }
    }
    List<Table> tables = new ArrayList<>();
    for (int i = 0; i < peers.size(); i++) {
      tables.add(table(peers.get(i).name(), all.get(i), b.runs));
    }
    return tables;
  }

  private static String label(long pause) {
    return pause == 0 ? "no staller (reference)" : pause < 0 ? "never reads" : pause < 1000 ? "pause " + pause + " ms" : "pause 1 s";
  }

  private static Outcome runCase(Peer p, long pause, int total) throws Exception {
    List<StallReader> readers = new ArrayList<>();
    BusClient pub = null;
    long[] peak = {0};
    long[] cutAt = {0};
    long[] declaredAt = {0};
    Thread monitor = null;
    boolean[] monitoring = {true};
    try {
      for (int i = 0; i < 3; i++) {
        BusClient c = p.clients().open();
        c.subscribe(p.address());
        c.sync();
        readers.add(new StallReader(c, total, 0, 0));
      }
      pub = p.clients().open();
      byte[][] frames = new byte[10_000][];
      for (int n = 0; n < frames.length; n++) {
        frames[n] = pub.publishFrame(p.address(), PubSubRun.body(n));
      }
      Thread.sleep(100);
      SocketWatch watch = SocketWatch.find(p.server().pid(), p.server().port("tcp"), readers.get(2).client.localPort());
      long warnings0 = p.server().warnings();
      long slow0 = p.slowCount();
      long rssBefore = p.server().rssKiB();
      long t0 = System.nanoTime();
      long stallStart = pause < 0 ? t0 : t0 + PAUSE_AT_NANOS;
      StallReader staller = new StallReader(readers.get(2).client, total, stallStart, pause);
      readers.set(2, staller);
      readers.forEach(StallReader::start);
      monitor = PubSubRun.daemon("stall monitor", () -> {
        for (int k = 0; monitoring[0]; k++) {
          if (cutAt[0] == 0 && watch != null && !watch.open()) {
            cutAt[0] = System.nanoTime();
          }
          if (k % 2 == 0 && declaredAt[0] == 0 && slow0 >= 0 && p.slowCount() > slow0) {
            declaredAt[0] = System.nanoTime();
          }
          if (k % 10 == 0) {
            peak[0] = Math.max(peak[0], p.server().rssKiB());
          }
          LockSupport.parkNanos(5_000_000L);
        }
      });
      monitor.start();
      long sent = publish(pub, frames, total, t0);
      double pubRate = sent / ((System.nanoTime() - t0) / 1e9);
      if (pause < 0) {
        Thread.sleep(300);
        staller.drain();
      }
      awaitQuiet(readers);
      long rssAfter = p.server().rssKiB();
      monitoring[0] = false;
      monitor.join();
      long othersLost = 0;
      double othersRate = 0;
      int othersCut = 0;
      for (StallReader r : readers.subList(0, 2)) {
        othersLost += sent - r.count();
        othersRate += r.lastAt() == 0 ? 0 : r.count() / ((r.lastAt() - t0) / 1e9) / 2;
        othersCut += r.closed() || r.client.slowConsumer() ? 1 : 0;
      }
      // the counter is node-wide: it speaks of the pausing subscriber when no other one was cut
      boolean cut = staller.closed() || cutAt[0] != 0 || staller.client.slowConsumer()
        || declaredAt[0] != 0 && othersCut == 0;
      double cutAfter = cutAt[0] == 0 ? Double.NaN : (cutAt[0] - stallStart) / 1e6;
      double declaredAfter = declaredAt[0] == 0 ? Double.NaN : (declaredAt[0] - stallStart) / 1e6;
      return new Outcome(pubRate, staller.count(), sent, cut, declaredAfter, cutAfter, othersRate, othersLost, othersCut,
        rssBefore,
        Math.max(peak[0], rssAfter), rssAfter, p.server().warnings() - warnings0);
    } finally {
      monitoring[0] = false;
      if (pub != null) {
        pub.close();
      }
      for (StallReader r : readers) {
        r.stop();
      }
      PubSubRun.settle(List.of(p.server()));
    }
  }

  /** Publishes {@code total} messages paced at {@link #RATE}; returns how many went out before any failure. */
  private static long publish(BusClient pub, byte[][] frames, int total, long t0) {
    int perSlot = (int) (RATE * SLOT_NANOS / 1_000_000_000L);
    long sent = 0;
    try {
      for (int slot = 0; sent < total; slot++) {
        for (int i = 0; i < perSlot && sent < total; i++, sent++) {
          pub.write(frames[(int) (sent % frames.length)]);
        }
        pub.flush();
        long wait = t0 + (slot + 1) * SLOT_NANOS - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
    } catch (Exception e) {
      Bench.log("    the publisher failed after %,d messages: %s", sent, e);
    }
    return sent;
  }

  /** Waits until every reader has everything or was closed, or nothing arrived for 1.5 s (at most 15 s). */
  private static void awaitQuiet(List<StallReader> readers) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    long last = -1;
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (readers.stream().allMatch(StallReader::done)) {
        return;
      }
      long total = readers.stream().mapToLong(StallReader::count).sum();
      if (total != last) {
        last = total;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > 1_500_000_000L) {
        return;
      }
      Thread.sleep(20);
    }
  }

  private static Table table(String peer, List<List<Outcome>> cases, int runs) {
    Table t = new Table("Slow consumers: " + peer + " (publisher paced at 200,000 msgs/s for 3 s, TCP)", "case",
      "publisher msgs/s", "pausing subscriber lost, per run", "cut (runs)", "first slow-consumer count after ms",
      "its socket closed after ms", "others' throughput ÷ reference", "others lost", "others cut",
      "RSS MiB before → peak → after", "WARN lines");
    double reference = Stats.median(cases.get(0).stream().map(Outcome::othersRate).toList());
    for (int c = 0; c < PAUSES.length; c++) {
      List<Outcome> o = cases.get(c);
      List<String> lost = new ArrayList<>();
      List<String> declared = new ArrayList<>();
      List<String> after = new ArrayList<>();
      for (Outcome x : o) {
        lost.add(String.format(Locale.ROOT, "%,d", x.sent() - x.stallerGot()));
        declared.add(ms(x.declaredAfterMs()));
        after.add(ms(x.cutAfterMs()));
      }
      t.row(label(PAUSES[c]), Stats.count(Stats.median(o.stream().map(Outcome::pubRate).toList())),
        String.join(" / ", lost), o.stream().filter(Outcome::cut).count() + " of " + o.size(),
        String.join(" / ", declared), String.join(" / ", after),
        Stats.ratio(Stats.median(o.stream().map(Outcome::othersRate).toList()), reference),
        String.format(Locale.ROOT, "%,d", o.stream().mapToLong(Outcome::othersLost).sum()),
        String.valueOf(o.stream().mapToInt(Outcome::othersCut).sum()),
        median(o, Outcome::rssBefore) + " → " + median(o, Outcome::rssPeak) + " → " + median(o, Outcome::rssAfter),
        String.valueOf(o.stream().mapToLong(Outcome::warnings).sum()));
    }
    t.note(runs + " run(s) per case. The pausing subscriber stops reading 1 s after the first publish (\"never reads\": "
      + "from the first publish). Cut: the server closed its socket (its file descriptor in /proc/<pid>/fd went away, "
      + "polled every 5 ms: \"its socket closed after\"; a server that flushes before it closes does so only once the "
      + "client reads again), sent it a slow-consumer error, or counted a slow consumer while no other subscriber was "
      + "cut (the node-wide counters named *slow* of Junction's `/health` and NATS's `/varz`, polled every 10 ms: "
      + "\"first slow-consumer count after\"). Times count from the start of the stall, per run. Others: the two "
      + "subscribers that read throughout: their delivery rate over the reference case's, messages they lost and how "
      + "many of them were cut, summed over the runs. RSS medians in MiB; "
      + "WARN lines: summed over the runs.");
    return t;
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static long median(List<Outcome> o, java.util.function.ToLongFunction<Outcome> f) {
    return (long) Stats.median(o.stream().map(x -> (double) f.applyAsLong(x)).toList()) / 1024;
  }
}
