package io.junction.bench;

import io.vertx.core.Vertx;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;

/**
 * The stock vertx-web SockJS event-bus bridge, everything permitted, not clustered, with a {@code hub.echo}
 * consumer, at {@code /eventbus/*} (its raw WebSocket endpoint is {@code /eventbus/websocket}): the browser-side
 * baseline, in its own process. Usage: {@code StockSockJsServer PORT}; prints {@code LISTENING <port>}.
 */
public final class StockSockJsServer {

  private StockSockJsServer() {
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    vertx.eventBus().consumer("hub.echo", m -> m.reply(m.body()));
    SockJSBridgeOptions options = new SockJSBridgeOptions()
      .addInboundPermitted(new PermittedOptions()).addOutboundPermitted(new PermittedOptions());
    Router router = Router.router(vertx);
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx, new SockJSHandlerOptions()).bridge(options));
    int port = Integer.parseInt(args[0]);
    vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1")
      .onSuccess(s -> System.out.println("LISTENING " + s.actualPort()))
      .onFailure(err -> {
        err.printStackTrace();
        System.exit(1);
      });
  }
}
