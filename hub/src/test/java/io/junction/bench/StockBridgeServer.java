package io.junction.bench;

import io.vertx.core.Vertx;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;

/**
 * The stock Vert.x TCP event-bus bridge 5.0.8, everything permitted, not clustered, with a {@code hub.echo}
 * consumer: the baseline Junction is compared with, in its own process. Usage: {@code StockBridgeServer PORT};
 * prints {@code LISTENING <port>}.
 */
public final class StockBridgeServer {

  private StockBridgeServer() {
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    vertx.eventBus().consumer("hub.echo", m -> m.reply(m.body()));
    BridgeOptions options = new BridgeOptions().addInboundPermitted(new PermittedOptions()).addOutboundPermitted(new PermittedOptions());
    int port = Integer.parseInt(args[0]);
    TcpEventBusBridge.create(vertx, options).listen(port, "127.0.0.1")
      .onSuccess(b -> System.out.println("LISTENING " + port))
      .onFailure(err -> {
        err.printStackTrace();
        System.exit(1);
      });
  }
}
