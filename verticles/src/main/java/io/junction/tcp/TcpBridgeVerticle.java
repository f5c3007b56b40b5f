package io.junction.tcp;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.LocalSessions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * The TCP endpoint, wire-compatible with the Vert.x TCP event-bus bridge. Deploy one instance per event loop;
 * they share the port. Every connection becomes a session of the shared {@link BridgeCore}.
 */
public final class TcpBridgeVerticle extends VerticleBase {

  private final BridgeCore core;
  private final TcpOptions options;
  private LocalSessions sessions;
  private NetServer server;

  public TcpBridgeVerticle(BridgeCore core, TcpOptions options) {
    this.core = core;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    sessions = new LocalSessions(vertx);
    server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true).setReuseAddress(true));
    server.connectHandler(this::connected);
    return server.listen(options.port(), options.host())
      .onSuccess(s -> core.listening("tcp", s.actualPort()))
      .recover(err -> Future.failedFuture(options.cannotListen("TCP", err)));
  }

  private void connected(NetSocket socket) {
    TcpConnection conn = new TcpConnection(socket, core);
    if (!conn.start(core)) {
      return;
    }
    sessions.add(conn.session());
    socket.closeHandler(v -> {
      sessions.remove(conn.session());
      conn.session().closed();
    });
    socket.exceptionHandler(err -> socket.close());
  }

  @Override
  public Future<?> stop() {
    sessions.stop();
    return server.close();
  }
}
