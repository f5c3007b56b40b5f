package io.junction.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A section of pub/sub workloads (W2, and W1 where asked) over a list of systems, side by side: the servers start on
 * demand (a row may share its server with another), are warmed up, run interleaved {@code runs} times, and the
 * table shows medians with ratios to the reference rows. Servers stop when the section ends.
 */
final class PubSubSection implements Section {

  static final int W1_MESSAGES = 200_000;
  static final int W2_MESSAGES = 50_000;
  static final int W2_SUBSCRIBERS = 10;

  /** Opens a row's target, starting its servers through the section's pool. */
  @FunctionalInterface
  interface Opener {
    PubSubRun.Target open(Pool pool) throws Exception;
  }

  /** One system of the table; {@code skip} says why it cannot run here ({@code null} when it can). */
  record Row(String name, Opener opener, double capSeconds, String skip) {
    static Row of(String name, double capSeconds, Opener opener) {
      return new Row(name, opener, capSeconds, null);
    }
  }

  /** The servers of one section, started once each, by key. */
  static final class Pool {
    final Bench bench;
    private final Map<String, ServerProcess> servers = new LinkedHashMap<>();

    Pool(Bench bench) {
      this.bench = bench;
    }

    ServerProcess get(String key, Callable<ServerProcess> start) throws Exception {
      ServerProcess s = servers.get(key);
      if (s == null) {
        s = start.call();
        servers.put(key, s);
      }
      return s;
    }

    void stopAll() {
      servers.values().forEach(bench.servers::stop);
      servers.clear();
    }
  }

  private final String name;
  private final String title;
  private final boolean w1;
  private final List<Row> rows;
  private final List<String> references;
  private final List<String> notes;

  PubSubSection(String name, String title, boolean w1, List<Row> rows, List<String> references, List<String> notes) {
    this.name = name;
    this.title = title;
    this.w1 = w1;
    this.rows = rows;
    this.references = references;
    this.notes = notes;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<Table> run(Bench bench) throws Exception {
    Pool pool = new Pool(bench);
    Stats stats = new Stats();
    Map<String, PubSubRun.Target> targets = new LinkedHashMap<>();
    try {
      for (Row r : rows) {
        if (r.skip() != null) {
          stats.note(r.name(), "skipped: " + r.skip());
          continue;
        }
        try {
          targets.put(r.name(), r.opener().open(pool));
        } catch (Exception e) {
          stats.note(r.name(), "could not start: " + e.getMessage().lines().findFirst().orElse(""));
          Bench.log("  %s: %s could not start: %s", name, r.name(), e);
        }
      }
      for (Row r : rows) {
        PubSubRun.Target t = targets.get(r.name());
        if (t != null) {
          try {
            for (int i = 0; w1 && i < 2; i++) {
              PubSubRun.run(t, 1, W1_MESSAGES / 4, Math.min(r.capSeconds(), 3));
            }
            settleAfter(t, PubSubRun.run(t, W2_SUBSCRIBERS, W2_MESSAGES / 10, Math.min(r.capSeconds(), 2)));
          } catch (Exception e) {
            Bench.log("  %s: warming up %s failed: %s", name, r.name(), e);
          }
        }
      }
      for (int run = 1; run <= bench.runs; run++) {
        for (Row r : rows) {
          PubSubRun.Target t = targets.get(r.name());
          if (t != null) {
            try {
              measure(run, r, t, stats);
            } catch (Exception e) {
              stats.note(r.name(), "run " + run + " failed: " + e);
              Bench.log("  %s run %d, %s failed: %s", name, run, r.name(), e);
            }
          }
        }
      }
    } finally {
      pool.stopAll();
    }
    return List.of(table(stats, bench.runs));
  }

  private void measure(int run, Row r, PubSubRun.Target t, Stats stats) throws Exception {
    StringBuilder line = new StringBuilder();
    if (w1) {
      PubSubRun.Result a = PubSubRun.run(t, 1, W1_MESSAGES, r.capSeconds());
      record(stats, r.name(), "w1", a);
      line.append(String.format(java.util.Locale.ROOT, "W1 %s msgs/s (%s µs cpu)%s, ", Stats.count(a.rate()),
        Stats.micros(a.cpuPerDelivery()), a.complete() ? "" : " [" + a.delivered() + " of " + a.expected() + "]"
        + (a.failure() == null ? "" : " (" + a.failure() + ")")));
      settleAfter(t, a);
    }
    PubSubRun.Result b = PubSubRun.run(t, W2_SUBSCRIBERS, W2_MESSAGES, r.capSeconds());
    record(stats, r.name(), "w2", b);
    line.append(String.format(java.util.Locale.ROOT, "W2 %s deliveries/s (%s µs cpu)%s", Stats.count(b.rate()),
      Stats.micros(b.cpuPerDelivery()), b.complete() ? "" : " [" + b.delivered() + " of " + b.expected() + "]"
      + (b.failure() == null ? "" : " (" + b.failure() + ")")));
    settleAfter(t, b);
    Bench.log("  %s run %d, %s: %s", name, run, r.name(), line);
  }

  private static void settleAfter(PubSubRun.Target t, PubSubRun.Result res) throws InterruptedException {
    if (!res.complete()) {
      PubSubRun.settle(t.servers());
    }
  }

  /** Adds a run's figures; an incomplete run (messages lost, not capped) is counted and left out of the median. */
  private static void record(Stats stats, String row, String workload, PubSubRun.Result res) {
    String key = row + "|" + workload;
    if (res.capped()) {
      stats.tally(key + "|capped");
    } else if (!res.complete()) {
      stats.tally(key + "|incomplete");
      stats.note(key + "|lost", String.format(java.util.Locale.ROOT, "%,d of %,d", res.delivered(), res.expected()));
    }
    if (res.capped() || res.complete()) {
      stats.add(key + "|rate", res.rate());
      stats.add(key + "|cpu", res.cpuPerDelivery());
    }
    if (res.failure() != null) {
      stats.note(row, res.failure());
    }
  }

  /** The notes cell of a row: failures, capped and incomplete runs. */
  private String notes(Stats stats, Row r, List<String> workloads, int runs) {
    List<String> out = new ArrayList<>();
    if (!stats.notes(r.name()).isEmpty()) {
      out.add(stats.notes(r.name()));
    }
    for (String w : workloads) {
      String key = r.name() + "|" + w;
      String upper = w.toUpperCase(java.util.Locale.ROOT);
      if (stats.tallied(key + "|capped") > 0) {
        out.add(String.format(java.util.Locale.ROOT, "%s capped at %.0f s in %d of %d runs (the rate of what had "
          + "arrived by then)", upper, r.capSeconds(), stats.tallied(key + "|capped"), runs));
      }
      if (stats.tallied(key + "|incomplete") > 0) {
        out.add(String.format(java.util.Locale.ROOT, "%s lost messages in %d of %d runs, left out of the median "
          + "(delivered %s)", upper, stats.tallied(key + "|incomplete"), runs, stats.notes(key + "|lost")));
      }
    }
    return String.join("; ", out);
  }

  private Table table(Stats stats, int runs) {
    List<String> refs = new ArrayList<>();
    for (String ref : references) {
      if (stats.count(ref + "|w2|rate") > 0) {
        refs.add(ref);
      }
    }
    List<String> header = new ArrayList<>(List.of("system"));
    List<String> workloads = w1 ? List.of("w1", "w2") : List.of("w2");
    for (String w : workloads) {
      header.add(w.equals("w1") ? "W1 msgs/s" : "W2 deliveries/s");
      refs.forEach(ref -> header.add("÷ " + ref));
      header.add(w.equals("w1") ? "server CPU µs/msg" : "server CPU µs/delivery");
    }
    header.add("notes");
    Table table = new Table(title, header);
    for (Row r : rows) {
      List<String> cells = new ArrayList<>(List.of(r.name()));
      for (String w : workloads) {
        double rate = stats.median(r.name() + "|" + w + "|rate");
        cells.add(Stats.count(rate));
        refs.forEach(ref -> cells.add(Stats.ratio(rate, stats.median(ref + "|" + w + "|rate"))));
        cells.add(Stats.micros(stats.median(r.name() + "|" + w + "|cpu")));
      }
      cells.add(notes(stats, r, workloads, runs));
      table.row(cells);
    }
    table.note("Medians of " + runs + " run(s); " + Runtime.getRuntime().availableProcessors()
      + " cores shared by servers and clients, everything on 127.0.0.1. "
      + (w1 ? String.format(java.util.Locale.ROOT, "W1: 1 publisher → 1 subscriber, %,d messages; ", W1_MESSAGES) : "")
      + "W2: 1 publisher → "
      + W2_SUBSCRIBERS + " subscribers, " + String.format(java.util.Locale.ROOT, "%,d", W2_MESSAGES)
      + " messages (deliveries/s counts every subscriber's copy). ÷ X: this row's rate over X's.");
    notes.forEach(table::note);
    return table;
  }
}
