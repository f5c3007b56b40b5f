package io.junction.tcp;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.LocalSessions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * The TCP endpoint, wire-compatible with the Vert.x TCP event-bus bridge, in plain TCP and (or) TLS. Deploy one
 * instance per event loop; they share the ports. Every connection becomes a session of the shared {@link BridgeCore}.
 */
public final class TcpBridgeVerticle extends VerticleBase {

  private final BridgeCore core;
  private final TcpOptions options;
  private LocalSessions sessions;
  private NetServer server;
  private NetServer tlsServer;

  public TcpBridgeVerticle(BridgeCore core, TcpOptions options) {
    this.core = core;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    sessions = new LocalSessions(vertx);
    Future<?> plain = Future.succeededFuture();
    if (options.enabled()) {
      server = vertx.createNetServer(serverOptions()).connectHandler(this::connected);
      plain = server.listen(options.port(), options.host())
        .onSuccess(s -> core.listening("tcp", s.actualPort()))
        .recover(err -> Future.failedFuture(options.cannotListen("TCP", options.port(), err)));
    }
    return plain.compose(v -> listenTls());
  }

  private Future<?> listenTls() {
    if (!options.tls().enabled()) {
      return Future.succeededFuture();
    }
    tlsServer = vertx.createNetServer(options.tls().apply(serverOptions())).connectHandler(this::connected);
    return tlsServer.listen(options.tls().port(), options.host())
      .onSuccess(s -> core.listening("tcp_tls", s.actualPort()))
      .recover(err -> Future.failedFuture(options.cannotListen("TCP TLS", options.tls().port(), err)));
  }

  private static NetServerOptions serverOptions() {
    return new NetServerOptions().setTcpNoDelay(true).setReuseAddress(true);
  }

  private void connected(NetSocket socket) {
    TcpConnection conn = new TcpConnection(socket, core);
    if (!conn.start(core)) {
      return;
    }
    sessions.track(conn.session(), socket);
  }

  @Override
  public Future<?> stop() {
    sessions.stop();
    return Future.join(server == null ? Future.succeededFuture() : server.close(),
      tlsServer == null ? Future.succeededFuture() : tlsServer.close());
  }
}
