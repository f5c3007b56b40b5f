package io.junction.websocket;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.LocalSessions;
import io.junction.bridge.Session;
import io.junction.sockjs.SockJsEndpoint;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The WebSocket endpoints on Vert.x core's WebSocket server, mounted before the SockJS handler: the plain
 * WebSocket at {@value #PLAIN}, and SockJS's {@code websocket} transport at {@code /eventbus/SERVER/SESSION/websocket}.
 * Both batch their writes like TCP ({@link WsConnection}). SockJS's other transports stay vertx-web's
 * ({@link SockJsEndpoint}). A request to these paths that is no WebSocket upgrade falls through to SockJS, which
 * answers it as vertx-web does.
 */
public final class WebSocketEndpoint {

  private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);

  public static final String PLAIN = SockJsEndpoint.PATH + "/websocket";
  private static final String SOCKJS = SockJsEndpoint.PATH.replace("/", "\\/") + "\\/[^/.]+\\/[^/.]+\\/websocket";

  private final BridgeCore core;
  private final LocalSessions sessions;

  public WebSocketEndpoint(BridgeCore core, LocalSessions sessions) {
    this.core = core;
    this.sessions = sessions;
  }

  public void mount(Router router) {
    router.get(PLAIN).handler(rc -> upgrade(rc, PlainWsConnection::new));
    router.getWithRegex(SOCKJS).handler(rc -> upgrade(rc, SockJsWsConnection::new));
  }

  /** How a dialect's connection is made. */
  private interface Dialect {
    WsConnection create(ServerWebSocket ws, ChannelHandlerContext chctx, BridgeCore core);
  }

  private void upgrade(RoutingContext rc, Dialect dialect) {
    if (!"websocket".equalsIgnoreCase(rc.request().getHeader("Upgrade"))
        || !(rc.request().connection() instanceof VertxConnection conn)) {
      rc.next();
      return;
    }
    String uri = rc.request().uri();
    // vertx-web hands out a wrapper of the WebSocket: the channel comes from the HTTP/1.1 connection it upgrades
    ChannelHandlerContext chctx = conn.channelHandlerContext();
    rc.request().toWebSocket()
      .onSuccess(ws -> open(dialect.create(ws, chctx, core), ws, uri))
      .onFailure(err -> log.debug("WebSocket upgrade of {} failed: {}", uri, err.toString()));
  }

  private void open(WsConnection conn, ServerWebSocket ws, String uri) {
    Session<Buffer> session;
    try {
      session = core.open(conn);
    } catch (BridgeException e) {
      conn.write(conn.wire().error(e.code(), e.detail()));
      conn.close(e.code());
      return;
    }
    sessions.add(session);
    conn.start(session);
    // a browser that goes away mid-frame is ordinary: the close handler cleans up
    ws.exceptionHandler(err -> log.debug("WebSocket session {}: {}", session.id(), err.toString()));
    ws.closeHandler(v -> {
      sessions.remove(session);
      session.closed();
    });
    String token = SockJsEndpoint.tokenParam(uri);
    if (token != null) {
      session.loginWithToken(token);
    }
  }
}
