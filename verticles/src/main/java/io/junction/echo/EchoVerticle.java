package io.junction.echo;

import io.junction.Addresses;
import io.junction.bridge.BridgeCore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * {@code hub.echo}: replies with the body and headers it got. For diagnostics and round-trip measurements. Every
 * node runs one and answers its own clients: on the client's own event loop ({@link BridgeCore#answerLocally}),
 * and on the bus for in-process callers (a local consumer), so an echo never crosses the cluster and keeps
 * answering while another node dies.
 */
public final class EchoVerticle extends VerticleBase {

  private final BridgeCore core;
  private MessageConsumer<Object> consumer;

  /** @param core the bridge whose clients it answers on their own loops */
  public EchoVerticle(BridgeCore core) {
    this.core = core;
  }

  @Override
  public Future<?> start() {
    core.answerLocally(Addresses.ECHO, body -> body);
    consumer = vertx.eventBus().localConsumer(Addresses.ECHO, m -> m.reply(m.body(), new DeliveryOptions().setHeaders(m.headers())));
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    core.stopAnsweringLocally(Addresses.ECHO);
    return consumer.unregister();
  }
}
