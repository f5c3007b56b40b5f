package io.junction.bench;

import io.junction.bench.PubSubSection.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The pub/sub sections of bin/bench and the systems in each: which server, which client for the publisher and the
 * subscribers, and the time cap of a run (short for the servers known to be slow, so one run cannot take minutes).
 */
final class Sections {

  static final String JUNCTION = "Junction";
  static final String NATS = "NATS";
  static final String NATS_WS = "NATS WebSocket";
  static final String SOCKET_IO = "Socket.IO";
  static final String JUNCTION_TCP = "Junction TCP (same node)";
  private static final double CAP = 30;
  private static final double SLOW_CAP = 4;
  private static final String NO_NATS = "nats-server is not installed (/usr/sbin/nats-server)";

  private Sections() {
  }

  private static ServerProcess plain(PubSubSection.Pool p) throws Exception {
    return p.get("junction", () -> p.bench.junctionPlain("Junction"));
  }

  private static PubSubRun.Target tcp(String name, ServerProcess s) {
    BusClient.Factory f = TcpBridgeClient.factory(s.port("tcp"));
    return new PubSubRun.Target(name, List.of(s), f, f, Bench.ADDRESS, 100);
  }

  private static PubSubRun.Target same(String name, ServerProcess s, BusClient.Factory f, String address) {
    return new PubSubRun.Target(name, List.of(s), f, f, address, 100);
  }

  private static Row nats(String name, boolean ws) {
    if (!Servers.natsInstalled()) {
      return new Row(name, null, CAP, NO_NATS);
    }
    return Row.of(name, CAP, p -> {
      ServerProcess s = p.get("nats", () -> p.bench.servers.nats(true));
      BusClient.Factory f = ws ? () -> NatsClient.webSocket(s.port("ws")) : () -> NatsClient.tcp(s.port("tcp"));
      return same(name, s, f, Bench.NATS_SUBJECT);
    });
  }

  static Section tcp() {
    return new PubSubSection("tcp", "TCP: W1 and W2", true, List.of(
      Row.of(JUNCTION + ", lobby history off", CAP, p -> tcp(JUNCTION, plain(p))),
      Row.of(JUNCTION + ", lobby with history (default)", CAP,
        p -> tcp(JUNCTION, p.get("history", () -> p.bench.servers.junction("Junction, history", List.of())))),
      Row.of("stock Vert.x TCP bridge 5.0.8", CAP, p -> tcp("stock", p.get("stock", p.bench.servers::stockTcp))),
      nats(NATS, false)),
      List.of(NATS, "stock Vert.x TCP bridge 5.0.8"),
      List.of("Junction: a standalone node from the jar; `scope.lobby.bench`, history off (`history_size 0`) or the "
        + "default lobby (history 100). Stock bridge: everything permitted, not clustered. NATS: subject `bench.x`."));
  }

  static Section ws() {
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of(JUNCTION + " /eventbus/websocket", SLOW_CAP, p -> {
      ServerProcess s = plain(p);
      return same(JUNCTION, s, EnvelopeWsClient.factory(s.port("http"), "/eventbus/websocket"), Bench.ADDRESS);
    }));
    rows.add(Row.of("stock vertx-web SockJS bridge, raw WebSocket", SLOW_CAP, p -> {
      ServerProcess s = p.get("stock", p.bench.servers::stockSockJs);
      return same("stock", s, EnvelopeWsClient.factory(s.port("http"), "/eventbus/websocket"), Bench.ADDRESS);
    }));
    rows.add(nats(NATS_WS, true));
    String missing = Servers.socketIoMissing();
    rows.add(new Row(SOCKET_IO, p -> {
      ServerProcess s = p.get("socketio", p.bench.servers::socketIo);
      return same(SOCKET_IO, s, SocketIoClient.factory(s.port("http")), "bench");
    }, 15, missing));
    return new PubSubSection("ws", "WebSocket: W2, every subscriber its own connection", false, rows,
      List.of(NATS_WS, SOCKET_IO),
      List.of("Clients: one hand-written WebSocket client (masked frames, writes batched through 64 KiB, no "
        + "permessage-deflate offered). Junction and the stock bridge: one SockJS-bridge JSON envelope per WebSocket "
        + "message; NATS: its text protocol in binary frames; Socket.IO: Engine.IO 4 packets, a Node relay that "
        + "emits to a room. Runs capped at " + (int) SLOW_CAP + " s (Socket.IO 15 s) report the rate of what arrived."));
  }

  static Section sockJs() {
    return new PubSubSection("sockjs", "SockJS transports: W2", false, List.of(
      Row.of(JUNCTION_TCP, CAP, p -> tcp(JUNCTION, plain(p))),
      Row.of(JUNCTION + " SockJS websocket transport", SLOW_CAP, p -> {
        ServerProcess s = plain(p);
        return same(JUNCTION, s, SockJsClient.factory(s.port("http"), "/eventbus"), Bench.ADDRESS);
      }),
      Row.of("stock vertx-web SockJS bridge, websocket transport", SLOW_CAP, p -> {
        ServerProcess s = p.get("stock", p.bench.servers::stockSockJs);
        return same("stock", s, SockJsClient.factory(s.port("http"), "/eventbus"), Bench.ADDRESS);
      }),
      Row.of(JUNCTION + " SockJS xhr-streaming (publisher over TCP)", SLOW_CAP, p -> {
        ServerProcess s = plain(p);
        return new PubSubRun.Target(JUNCTION, List.of(s), TcpBridgeClient.factory(s.port("tcp")),
          XhrStreamingClient.factory(s.port("http")), Bench.ADDRESS, 100);
      })),
      List.of(JUNCTION_TCP),
      List.of("SockJS websocket transport: `ws://…/eventbus/<server>/<session>/websocket`, the publisher and every "
        + "subscriber a SockJS session; a server `a[...]` frame may carry several messages, each is counted. "
        + "xhr-streaming: every subscriber one SockJS session, its stream a chunked POST that the server ends after "
        + "its streaming limit and the client reopens."));
  }

  static Section sse() {
    return new PubSubSection("sse", "Server-Sent Events fan-out: W2", false, List.of(
      Row.of(JUNCTION_TCP, CAP, p -> tcp(JUNCTION, plain(p))),
      Row.of(JUNCTION + " SSE `GET /api/subscribe/{address}` (publisher over TCP)", CAP, p -> {
        ServerProcess s = plain(p);
        return new PubSubRun.Target(JUNCTION, List.of(s), TcpBridgeClient.factory(s.port("tcp")),
          SseClient.factory(s.port("http")), Bench.ADDRESS, 100);
      })),
      List.of(JUNCTION_TCP),
      List.of("10 SSE subscribers (one `data:` line per message), the publisher on Junction's TCP endpoint."));
  }
}
