package io.junction.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-node delivery: two clustered Junction nodes (each its own process from the jar, a Hazelcast cluster of
 * their own) against a 2-node NATS route cluster. W1 and W2 with the publisher on node A and the subscribers on node
 * B, beside W1 on one node of the same cluster and on a standalone server of the same run, so the ratio
 * cross-node / single-node is measured, not remembered. Server CPU counts both nodes.
 */
final class ClusterSection implements Section {

  private static final String HISTORY = "Junction, scope with history";
  private static final double CAP = 30;
  private static final int HISTORY_W1 = 2_000;
  private static final String[] SYSTEMS = {"Junction", HISTORY, "NATS"};
  /** The lobby without history (as everywhere in the bench) and a scope {@code hist} with the lobby's default history. */
  private static final String RULES = "-Djunction.scopes.rules={\"lobby\": {\"join\": [\"anonymous\"], "
    + "\"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"], \"history_size\": 0}, "
    + "\"hist\": {\"join\": [\"anonymous\"], \"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"], "
    + "\"history_size\": 100}}";

  @Override
  public String name() {
    return "cluster";
  }

  /**
   * The targets of one system: standalone, same node of the cluster, cross-node; the messages of its W1 in the
   * cluster, and whether W2 runs (not for the history scope, whose cluster path is known to be slow: a short W1
   * says enough).
   */
  private record Targets(PubSubRun.Target standalone, PubSubRun.Target same, PubSubRun.Target cross, int w1,
                         boolean w2) {
  }

  @Override
  public List<Table> run(Bench b) throws Exception {
    Stats stats = new Stats();
    List<Targets> systems = new ArrayList<>();
    systems.addAll(junction(b));
    if (Servers.natsInstalled()) {
      systems.add(nats(b));
    } else {
      stats.note("NATS", "skipped: nats-server is not installed");
    }
    for (Targets t : systems) {
      measure(null, null, t.standalone(), 1, PubSubSection.W1_MESSAGES / 4, 10);
      for (PubSubRun.Target x : List.of(t.same(), t.cross())) {
        measure(null, null, x, 1, t.w1() / 4, 10);
      }
      if (t.w2()) {
        measure(null, null, t.cross(), PubSubSection.W2_SUBSCRIBERS, PubSubSection.W2_MESSAGES / 10, 10);
      }
    }
    for (int run = 1; run <= b.runs; run++) {
      for (Targets t : systems) {
        String sys = t.cross().name();
        PubSubRun.Result alone = measure(stats, sys + "|alone", t.standalone(), 1, PubSubSection.W1_MESSAGES, CAP);
        PubSubRun.Result same = measure(stats, sys + "|same", t.same(), 1, t.w1(), CAP);
        PubSubRun.Result w1 = measure(stats, sys + "|w1", t.cross(), 1, t.w1(), CAP);
        PubSubRun.Result w2 = !t.w2() ? null
          : measure(stats, sys + "|w2", t.cross(), PubSubSection.W2_SUBSCRIBERS, PubSubSection.W2_MESSAGES, CAP);
        Bench.log("  cluster run %d, %s: standalone W1 %s, same-node W1 %s, cross-node W1 %s (%s µs cpu), cross-node W2 %s (%s µs cpu)",
          run, sys, Stats.count(alone.rate()), Stats.count(same.rate()), Stats.count(w1.rate()),
          Stats.micros(w1.cpuPerDelivery()), w2 == null ? "not run" : Stats.count(w2.rate()),
          w2 == null ? "–" : Stats.micros(w2.cpuPerDelivery()));
      }
    }
    return List.of(table(stats, b.runs));
  }

  /** One run; recorded under {@code key} unless it is a warm-up ({@code stats} null). */
  private static PubSubRun.Result measure(Stats stats, String key, PubSubRun.Target t, int subs, int messages,
                                          double cap) throws Exception {
    PubSubRun.Result r = PubSubRun.run(t, subs, messages, cap);
    if (stats == null) {
      if (!r.complete()) {
        PubSubRun.settle(t.servers());
      }
      return r;
    }
    String sys = key.substring(0, key.indexOf('|'));
    if (r.complete()) {
      stats.add(key + "|rate", r.rate());
      stats.add(key + "|cpu", r.cpuPerDelivery());
    } else {
      // lost messages (or capped): the rate would not be the workload's; counted in the notes instead
      stats.note(sys, String.format(java.util.Locale.ROOT, "%s run left out of the median: %s, %,d of %,d delivered%s",
        key.substring(sys.length() + 1), r.capped() ? String.format(java.util.Locale.ROOT, "capped at %.0f s", cap)
          : "messages lost", r.delivered(), r.expected(), r.failure() == null ? "" : " (" + r.failure() + ")"));
      PubSubRun.settle(t.servers());
    }
    return r;
  }

  /** Junction plain (lobby, no history) and into a scope with history, on the same processes. */
  private static List<Targets> junction(Bench b) throws Exception {
    ServerProcess alone = b.servers.junction("Junction standalone", List.of(RULES));
    List<ServerProcess> nodes = b.servers.junctionCluster("Junction", List.of(RULES));
    for (ServerProcess n : nodes) {
      awaitMembers(n, 2);
    }
    BusClient.Factory a = TcpBridgeClient.factory(nodes.get(0).port("tcp"));
    BusClient.Factory bb = TcpBridgeClient.factory(nodes.get(1).port("tcp"));
    BusClient.Factory s = TcpBridgeClient.factory(alone.port("tcp"));
    List<Targets> out = new ArrayList<>();
    for (String[] sys : new String[][] {{"Junction", Bench.ADDRESS}, {HISTORY, "scope.hist.bench"}}) {
      boolean plain = sys[0].equals("Junction");
      out.add(new Targets(new PubSubRun.Target(sys[0], List.of(alone), s, s, sys[1], 100),
        new PubSubRun.Target(sys[0], nodes, a, a, sys[1], 300),
        new PubSubRun.Target(sys[0], nodes, a, bb, sys[1], 500), plain ? PubSubSection.W1_MESSAGES : HISTORY_W1, plain));
    }
    return out;
  }

  private static Targets nats(Bench b) throws Exception {
    ServerProcess alone = b.servers.nats(false);
    List<ServerProcess> nodes = b.servers.natsCluster();
    BusClient.Factory a = () -> NatsClient.tcp(nodes.get(0).port("tcp"));
    BusClient.Factory bb = () -> NatsClient.tcp(nodes.get(1).port("tcp"));
    BusClient.Factory s = () -> NatsClient.tcp(alone.port("tcp"));
    return new Targets(new PubSubRun.Target("NATS", List.of(alone), s, s, Bench.NATS_SUBJECT, 100),
      new PubSubRun.Target("NATS", nodes, a, a, Bench.NATS_SUBJECT, 300),
      new PubSubRun.Target("NATS", nodes, a, bb, Bench.NATS_SUBJECT, 500), PubSubSection.W1_MESSAGES, true);
  }

  /** Waits until the node's {@code /health} lists {@code n} members. */
  private static void awaitMembers(ServerProcess node, int n) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    String body = "";
    while (System.nanoTime() < deadline) {
      body = HttpChunks.get(node.port("http"), "/health");
      int members = body.split("\"address\"", -1).length - 1;
      if (members >= n) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(node.name + " did not see " + n + " members: " + body);
  }

  private static Table table(Stats s, int runs) {
    Table t = new Table("Cross-node: publisher on node A, subscribers on node B",
      "system", "standalone W1 msgs/s", "same-node W1 (in the cluster)", "cross-node W1", "cross ÷ standalone",
      "cross ÷ same-node", "cross-node W2 deliveries/s", "server CPU µs (both nodes) cross W1 / W2", "notes");
    for (String sys : SYSTEMS) {
      double alone = s.median(sys + "|alone|rate");
      double same = s.median(sys + "|same|rate");
      double w1 = s.median(sys + "|w1|rate");
      t.row(sys, Stats.count(alone), Stats.count(same), Stats.count(w1), Stats.ratio(w1, alone), Stats.ratio(w1, same),
        Stats.count(s.median(sys + "|w2|rate")),
        Stats.micros(s.median(sys + "|w1|cpu")) + " / " + Stats.micros(s.median(sys + "|w2|cpu")), s.notes(sys));
    }
    t.row("Junction ÷ NATS", Stats.ratio(s.median("Junction|alone|rate"), s.median("NATS|alone|rate")),
      Stats.ratio(s.median("Junction|same|rate"), s.median("NATS|same|rate")),
      Stats.ratio(s.median("Junction|w1|rate"), s.median("NATS|w1|rate")), "", "",
      Stats.ratio(s.median("Junction|w2|rate"), s.median("NATS|w2|rate")), "", "");
    t.note("Medians of " + runs + " run(s). Junction: two clustered nodes from the jar (not `--standalone`), a "
      + "Hazelcast configuration generated per run (unique cluster name, member ports from a random base in 5900..6899, "
      + "loopback); `scope.lobby.bench` with history off, and `scope.hist.bench` in a scope with history 100 (every "
      + "publish gets a sequence number and is kept in the cluster-wide history); the standalone column is a separate "
      + "`--standalone` node of the same run with the same rules; in the cluster the history scope's W1 has "
      + HISTORY_W1 + " messages (its cluster path is slow) and its W2 is not run. NATS: "
      + "two `nats-server` processes joined by routes (`--cluster`/`--routes`), and a separate single server. "
      + "W1: 200,000 messages 1 → 1; W2: 50,000 messages 1 → 10, all subscribers on node B.");
    return t;
  }
}
