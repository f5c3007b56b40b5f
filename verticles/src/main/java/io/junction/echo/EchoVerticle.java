package io.junction.echo;

import io.junction.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * {@code hub.echo}: replies with the body and headers it got. For diagnostics and round-trip measurements. Every
 * node runs one and answers its own clients (a local consumer), so an echo never crosses the cluster and keeps
 * answering while another node dies.
 */
public final class EchoVerticle extends VerticleBase {

  private MessageConsumer<Object> consumer;

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(Addresses.ECHO, m -> m.reply(m.body(), new DeliveryOptions().setHeaders(m.headers())));
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }
}
