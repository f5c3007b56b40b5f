package io.junction.http;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.LocalSessions;
import io.junction.sockjs.SockJsEndpoint;
import io.junction.websocket.WebSocketEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The HTTP endpoint: {@code /health}, the HTTP API under {@code /api}, SockJS and WebSocket at
 * {@code /eventbus} (the WebSocket transports on Vert.x core's WebSocket server), the SockJS library under {@code /webjars}, and the console (classpath {@code webroot/}) at
 * {@code /}. Deploy one instance per event loop; they share the port.
 */
public final class HttpVerticle extends VerticleBase {

  private final BridgeCore core;
  private final HttpOptions options;
  private LocalSessions sessions;
  private HttpServer server;
  private HttpServer tlsServer;

  public HttpVerticle(BridgeCore core, HttpOptions options) {
    this.core = core;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    sessions = new LocalSessions(vertx);
    Router router = router();
    Future<?> plain = Future.succeededFuture();
    if (options.enabled()) {
      server = vertx.createHttpServer(serverOptions()).requestHandler(router);
      plain = server.listen(options.port(), options.host())
        .onSuccess(s -> core.listening("http", s.actualPort()))
        .recover(err -> Future.failedFuture(options.cannotListen("HTTP", options.port(), err)));
    }
    return plain.compose(v -> listenTls(router));
  }

  private Future<?> listenTls(Router router) {
    if (!options.tls().enabled()) {
      return Future.succeededFuture();
    }
    tlsServer = vertx.createHttpServer(options.tls().apply(serverOptions())).requestHandler(router);
    return tlsServer.listen(options.tls().port(), options.host())
      .onSuccess(s -> core.listening("https", s.actualPort()))
      .recover(err -> Future.failedFuture(options.cannotListen("HTTPS", options.tls().port(), err)));
  }

  private HttpServerOptions serverOptions() {
    // leave room above the frame limit, so an oversized message gets the hub's frame_too_large error
    // (and the connection stays open) instead of a WebSocket protocol close
    int wsMax = core.limits().maxFrameBytes() * 2 + 1024;
    // no per-message compression: it costs a deflater per connection and CPU per message, for small JSON frames
    return new HttpServerOptions()
      .setPerMessageWebSocketCompressionSupported(false)
      .setPerFrameWebSocketCompressionSupported(false)
      .setMaxWebSocketFrameSize(wsMax)
      .setMaxWebSocketMessageSize(wsMax)
      // curl -d sends JSON as a form: decoding it must not fail under the body limit (8 KiB by default)
      .setMaxFormAttributeSize(core.limits().maxFrameBytes())
      .setTcpNoDelay(true)
      .setReuseAddress(true);
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route("/api/*").handler(new Origins(options.corsOrigins(), "http.cors_origins")::cors);
    Origins browsers = new Origins(options.allowedOrigins(), "http.allowed_origins");
    router.route(SockJsEndpoint.PATH).handler(browsers::gate);
    router.route(SockJsEndpoint.PATH + "/*").handler(browsers::gate);
    HealthHandler health = new HealthHandler(core);
    router.get("/health").handler(health::handle);
    router.route("/health").handler(HttpVerticle::methodNotAllowed);
    new ApiHandlers(core).mount(router);
    SseHandler sse = new SseHandler(vertx, core, sessions, options);
    router.get("/api/subscribe/:address").handler(sse::handle);
    router.route("/api/subscribe/:address").handler(HttpVerticle::methodNotAllowed);
    router.route("/api/*").handler(rc -> rc.fail(404));
    router.route("/api/*").failureHandler(HttpErrors::routeFailure);
    router.route("/health").failureHandler(HttpErrors::routeFailure);
    new WebSocketEndpoint(core, sessions).mount(router);
    new SockJsEndpoint(vertx, core, sessions).mount(router, options.sockJsPolling());
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    router.route("/*").handler(StaticHandler.create("webroot"));
    return router;
  }

  static void methodNotAllowed(RoutingContext rc) {
    HttpErrors.send(rc, ErrorCode.METHOD_NOT_ALLOWED, rc.request().method() + " is not allowed on " + rc.request().path());
  }

  @Override
  public Future<?> stop() {
    sessions.stop();
    return Future.join(server == null ? Future.succeededFuture() : server.close(),
      tlsServer == null ? Future.succeededFuture() : tlsServer.close());
  }
}
