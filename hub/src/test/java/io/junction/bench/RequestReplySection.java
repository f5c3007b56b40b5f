package io.junction.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Request-reply latency: 20,000 sequential round trips (after 5,000 warm-up) from one client, p50 and p99 in µs.
 * Junction: {@code send} to {@code hub.echo} with a {@code replyAddress} over TCP; the stock TCP bridge: the same to
 * its replying {@code hub.echo} consumer; NATS: {@code PUB bench.echo _INBOX.bench} answered by a second connection
 * that subscribes to {@code bench.echo} and publishes each request's payload to its reply subject.
 */
final class RequestReplySection implements Section {

  static final int WARM_UP = 5_000;
  static final int MEASURED = 20_000;
  private static final byte[] BODY = Envelopes.ascii("{\"ping\":1}");

  @Override
  public String name() {
    return "rr";
  }

  /** One system: a connected requester and whatever must close with it. */
  private record Echo(String name, BusClient requester, AutoCloseable responder) {
  }

  @Override
  public List<Table> run(Bench b) throws Exception {
    List<Echo> echoes = new ArrayList<>();
    Stats stats = new Stats();
    try {
      ServerProcess junction = b.junctionPlain("Junction");
      echoes.add(new Echo("Junction `hub.echo` (TCP)", TcpBridgeClient.factory(junction.port("tcp")).open(), null));
      ServerProcess stock = b.servers.stockTcp();
      echoes.add(new Echo("stock Vert.x TCP bridge 5.0.8", TcpBridgeClient.factory(stock.port("tcp")).open(), null));
      if (Servers.natsInstalled()) {
        echoes.add(nats(b.servers.nats(false)));
      } else {
        stats.note("NATS request-reply", "skipped: nats-server is not installed");
      }
      for (Echo e : echoes) {
        roundTrips(e.requester(), WARM_UP);
      }
      for (int run = 1; run <= b.runs; run++) {
        for (Echo e : echoes) {
          long[] t = roundTrips(e.requester(), WARM_UP + MEASURED);
          long[] m = Arrays.copyOfRange(t, WARM_UP, t.length);
          Arrays.sort(m);
          stats.add(e.name() + "|p50", Stats.percentile(m, 50));
          stats.add(e.name() + "|p99", Stats.percentile(m, 99));
          Bench.log("  rr run %d, %s: p50 %d µs, p99 %d µs", run, e.name(), Stats.percentile(m, 50), Stats.percentile(m, 99));
        }
      }
    } finally {
      for (Echo e : echoes) {
        e.requester().close();
        if (e.responder() != null) {
          e.responder().close();
        }
      }
    }
    Table t = new Table("Request-reply: sequential round trips", "system", "p50 µs", "p99 µs", "p50 ÷ stock bridge",
      "p99 ÷ own p50", "notes");
    String stockName = "stock Vert.x TCP bridge 5.0.8";
    for (Echo e : echoes) {
      double p50 = stats.median(e.name() + "|p50");
      double p99 = stats.median(e.name() + "|p99");
      t.row(e.name(), Stats.count(p50), Stats.count(p99), Stats.ratio(p50, stats.median(stockName + "|p50")),
        Stats.ratio(p99, p50), stats.notes(e.name()));
    }
    t.note("Medians of " + b.runs + " run(s) of " + String.format(java.util.Locale.ROOT, "%,d", MEASURED)
      + " round trips each, after " + String.format(java.util.Locale.ROOT, "%,d", WARM_UP) + " warm-up. Latency on this VM "
      + "depends on whether both ends run on the same core: compare within a run.");
    return List.of(t);
  }

  private static Echo nats(ServerProcess s) throws Exception {
    NatsClient responder = NatsClient.tcp(s.port("tcp"));
    responder.captureReplies();
    responder.subscribe("bench.echo");
    responder.sync();
    Thread t = PubSubRun.daemon("nats echo", () -> {
      try {
        while (true) {
          int k = responder.read();
          if (k < 0) {
            return;
          }
          if (k > 0 && responder.lastReply() != null) {
            responder.write(responder.publishFrame(responder.lastReply(), BODY));
            responder.flush();
          }
        }
      } catch (Exception ignored) {
        // closed at the end
      }
    });
    t.start();
    NatsClient requester = NatsClient.tcp(s.port("tcp"));
    requester.subscribe("_INBOX.bench");
    requester.sync();
    return new Echo("NATS request-reply", requester, responder::close);
  }

  /** {@code n} sequential round trips; their times in µs. */
  private static long[] roundTrips(BusClient c, int n) throws Exception {
    byte[] frame = c.requestFrame(c instanceof NatsClient ? "bench.echo" : "hub.echo", BODY);
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      c.write(frame);
      c.flush();
      int got = 0;
      while (got == 0) {
        got = c.read();
      }
      if (got < 0) {
        throw new IllegalStateException("the server closed the connection during request-reply");
      }
      times[i] = (System.nanoTime() - t0) / 1000;
    }
    return times;
  }
}
