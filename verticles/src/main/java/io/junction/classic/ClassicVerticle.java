package io.junction.classic;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.LocalSessions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/** The classic token-server listener: off unless {@code classic.enabled}; every client is a bridge session. */
public final class ClassicVerticle extends VerticleBase {

  private final BridgeCore core;
  private final ClassicOptions options;
  private LocalSessions sessions;
  private NetServer server;

  public ClassicVerticle(BridgeCore core, ClassicOptions options) {
    this.core = core;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    sessions = new LocalSessions(vertx);
    server = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true).setReuseAddress(true)).connectHandler(this::connected);
    return server.listen(options.port(), options.host())
      .onSuccess(s -> core.listening("classic", s.actualPort()))
      .recover(err -> Future.failedFuture(options.cannotListen("classic token server", options.port(), err)));
  }

  private void connected(NetSocket socket) {
    ClassicConnection conn = new ClassicConnection(socket, core);
    if (!conn.start(core)) {
      return;
    }
    sessions.track(conn.session(), socket);
  }

  @Override
  public Future<?> stop() {
    sessions.stop();
    return server == null ? Future.succeededFuture() : server.close();
  }
}
