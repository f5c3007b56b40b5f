package io.junction.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Idle memory per connection: a fresh server process (default JVM settings), 9,000 idle connections opened after
 * its start (TCP: connected and one ping answered; WebSocket: upgraded), a few seconds' wait, and the growth of its
 * VmRSS over the connections. One kind of connection at a time, closed before the next (the open-file limit here is
 * 20,000 per process). Measured once per bench invocation, not per run.
 */
final class MemorySection implements Section {

  static final int CONNECTIONS = 9_000;
  private static final int THREADS = 4;
  /** Junction limits connections per IP (1,000) and per node (10,000) by default; loopback is one IP. */
  private static final List<String> JUNCTION_LIMITS = List.of("-Djunction.limits.max_connections=20000",
    "-Djunction.limits.max_connections_per_ip=20000");
  private static final String NATS_TCP = "NATS TCP";
  private static final byte[] PING = TcpBridgeClient.lengthPrefixed(Envelopes.ascii(Envelopes.ping()));

  @Override
  public String name() {
    return "memory";
  }

  /** Starts a fresh server. */
  private interface Starter {
    ServerProcess start(Bench b) throws Exception;
  }

  /** Opens one idle connection to it. */
  private interface Opener {
    AutoCloseable open(ServerProcess s) throws IOException;
  }

  /** One kind of idle connection and its server; {@code start} is null when the server is not installed. */
  private record Kind(String name, Starter start, Opener open) {
  }

  /** What one kind measured. */
  private record Growth(long beforeKiB, long afterKiB, int connections, double seconds, String failure) {
    double perConnection() {
      return connections == 0 ? Double.NaN : (afterKiB - beforeKiB) / (double) connections;
    }
  }

  @Override
  public List<Table> run(Bench b) throws Exception {
    java.util.Map<String, Growth> measured = new java.util.LinkedHashMap<>();
    List<Kind> kinds = kinds();
    for (Kind k : kinds) {
      if (k.start() != null) {
        measured.put(k.name(), measure(b, k));
      }
    }
    Table t = new Table("Idle memory per connection (" + String.format(java.util.Locale.ROOT, "%,d", CONNECTIONS)
      + " connections, fresh server each)", "system and connection", "RSS before MiB", "RSS after MiB",
      "growth KiB per connection", "÷ NATS TCP", "seconds to open", "notes");
    Growth nats = measured.get(NATS_TCP);
    for (Kind k : kinds) {
      Growth g = measured.get(k.name());
      if (g == null) {
        t.row(k.name(), "–", "–", "–", "–", "–", "skipped: nats-server is not installed");
        continue;
      }
      t.row(k.name(), String.valueOf(g.beforeKiB() / 1024), String.valueOf(g.afterKiB() / 1024),
        Stats.kib(g.perConnection()), Stats.ratio(g.perConnection(), nats == null ? Double.NaN : nats.perConnection()),
        String.format(java.util.Locale.ROOT, "%.1f", g.seconds()), g.failure());
    }
    t.note("VmRSS of the server process from /proc/<pid>/status, read 3 s after its start and 5 s after the last "
      + "connection opened. Junction runs with `limits.max_connections` and `limits.max_connections_per_ip` raised to "
      + "20,000 (the defaults, 10,000 and 1,000, would refuse these connections from one address); JVM settings are "
      + "the defaults (heap up to a quarter of RAM), so the growth includes young-generation heap the JVM touches.");
    return List.of(t);
  }

  private static List<Kind> kinds() {
    boolean nats = Servers.natsInstalled();
    return List.of(
      new Kind("Junction TCP", b -> b.servers.junction("Junction", JUNCTION_LIMITS), s -> tcpIdle(s.port("tcp"))),
      new Kind("Junction WebSocket `/eventbus/websocket`", b -> b.servers.junction("Junction", JUNCTION_LIMITS),
        s -> WebSocket.open(s.port("http"), "/eventbus/websocket", 512)),
      new Kind(NATS_TCP, nats ? b -> b.servers.nats(false) : null, s -> natsIdle(s.port("tcp"))),
      new Kind("NATS WebSocket", nats ? b -> b.servers.nats(true) : null, s -> WebSocket.open(s.port("ws"), "/", 2048)),
      new Kind("stock Vert.x TCP bridge 5.0.8", b -> b.servers.stockTcp(), s -> tcpIdle(s.port("tcp"))));
  }

  /** A TCP bridge connection that has had one ping answered. */
  private static Conn tcpIdle(int port) throws IOException {
    Conn c = Conn.open(port, 256);
    c.out.write(PING);
    c.out.flush();
    c.in.skip(c.in.readInt());
    return c;
  }

  /** A NATS connection after CONNECT and one PING/PONG. */
  private static Conn natsIdle(int port) throws IOException {
    Conn c = Conn.open(port, 2048);
    c.out.write(Envelopes.ascii("CONNECT {\"verbose\":false,\"pedantic\":false}\r\nPING\r\n"));
    c.out.flush();
    while (!c.in.readLine().startsWith("PONG")) {
      // INFO first
    }
    return c;
  }

  private static Growth measure(Bench b, Kind kind) throws Exception {
    String name = kind.name();
    ServerProcess s = kind.start().start(b);
    List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>(CONNECTIONS));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      Thread.sleep(3000);
      long before = s.rssKiB();
      long t0 = System.nanoTime();
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        work.add(pool.submit(() -> {
          for (int n = 0; n < CONNECTIONS / THREADS; n++) {
            open.add(kind.open().open(s));
          }
          return null;
        }));
      }
      String failure = "";
      for (Future<?> f : work) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          failure = "opened " + open.size() + ", then: " + e.getCause();
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(5000);
      Growth g = new Growth(before, s.rssKiB(), open.size(), seconds, failure);
      Bench.log("  memory, %s: RSS %d → %d KiB over %d connections: %.1f KiB each (opened in %.1f s) %s",
        name, g.beforeKiB(), g.afterKiB(), g.connections(), g.perConnection(), seconds, failure);
      return g;
    } finally {
      pool.shutdownNow();
      for (AutoCloseable c : open) {
        c.close();
      }
      b.servers.stop(s);
    }
  }
}
