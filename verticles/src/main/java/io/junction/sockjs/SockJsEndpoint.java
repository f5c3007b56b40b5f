package io.junction.sockjs;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.LocalSessions;
import io.junction.bridge.Session;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.ext.web.handler.sockjs.Transport;

/**
 * The browser endpoint: SockJS (every SockJS transport) at {@code PATH} and a plain WebSocket at
 * {@code PATH/websocket}, both speaking the Vert.x SockJS bridge's JSON envelopes. The SockJS client library is
 * served from the node itself ({@link #SOCKJS_URL}), so iframe transports never reach for a CDN.
 */
public final class SockJsEndpoint {

  private static final Logger log = LoggerFactory.getLogger(SockJsEndpoint.class);

  public static final String PATH = "/eventbus";
  public static final String SOCKJS_VERSION = "1.6.1";
  public static final String SOCKJS_URL = "/webjars/sockjs-client/" + SOCKJS_VERSION + "/dist/sockjs.min.js";

  private final Vertx vertx;
  private final BridgeCore core;
  private final LocalSessions sessions;

  public SockJsEndpoint(Vertx vertx, BridgeCore core, LocalSessions sessions) {
    this.vertx = vertx;
    this.core = core;
    this.sessions = sessions;
  }

  /**
   * Mounts the endpoint on {@code router}. Without {@code polling}, SockJS offers only its WebSocket transport:
   * its other transports spread one session over several HTTP requests, which vertx-web does not make safe across
   * event loops.
   */
  public void mount(Router router, boolean polling) {
    // xhr transports post their frames as a body: accept one frame of the limit, escaped, plus SockJS framing
    int maxBody = core.limits().maxFrameBytes() * 2 + 1024;
    router.post(PATH + "/*").handler(BodyHandler.create(false).setBodyLimit(maxBody));
    SockJSHandlerOptions options = new SockJSHandlerOptions().setLibraryURL(SOCKJS_URL);
    if (!polling) {
      for (Transport t : new Transport[] {Transport.XHR, Transport.EVENT_SOURCE, Transport.HTML_FILE, Transport.JSON_P}) {
        options.addDisabledTransport(t.toString());
      }
    }
    router.route(PATH + "/*").subRouter(SockJSHandler.create(vertx, options).socketHandler(this::connected));
  }

  /** The {@code token} query parameter of a connection URI, or {@code null}. */
  public static String tokenParam(String uri) {
    if (uri == null || uri.indexOf('?') < 0) {
      return null;
    }
    for (String kv : uri.substring(uri.indexOf('?') + 1).split("&")) {
      if (kv.startsWith("token=")) {
        return java.net.URLDecoder.decode(kv.substring(6), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private void connected(SockJSSocket sock) {
    String path = sock.uri() == null ? "" : sock.uri().split("\\?", 2)[0];
    String transport = path.equals(PATH + "/websocket") ? "websocket" : "sockjs";
    SockJsConnection conn = new SockJsConnection(sock, transport, core);
    Session<String> session;
    try {
      session = core.open(conn);
    } catch (BridgeException e) {
      conn.write(JsonWire.INSTANCE.error(e.code(), e.detail()));
      conn.close(e.code());
      return;
    }
    sessions.add(session);
    String token = tokenParam(sock.uri());
    if (token != null) {
      session.loginWithToken(token);
    }
    int maxFrame = core.limits().maxFrameBytes();
    sock.handler(buf -> {
      if (buf.length() > maxFrame) {
        session.error(ErrorCode.FRAME_TOO_LARGE, "message of " + buf.length() + " bytes; the limit is " + maxFrame);
      } else {
        session.receive(buf.getBytes());
      }
    });
    // a browser that goes away mid-request is ordinary: the close handler cleans up; without a handler
    // vertx-web would log each one as an unhandled error
    sock.exceptionHandler(err -> log.debug("SockJS session {}: {}", session.id(), err.toString()));
    Context home = Vertx.currentContext();
    sock.closeHandler(v -> home.runOnContext(x -> {
      sessions.remove(session);
      session.closed();
    }));
  }
}
