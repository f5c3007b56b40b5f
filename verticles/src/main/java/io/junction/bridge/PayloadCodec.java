package io.junction.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Carries a {@link Payload} over the clustered event bus as its JSON bytes. Local deliveries share the same
 * immutable instance, so nothing is copied or re-encoded on the node that published it.
 */
public final class PayloadCodec implements MessageCodec<Payload, Payload> {

  public static final String NAME = "junction.payload";

  /** Registers the codec as the default for {@link Payload} on this event bus; safe to call twice. */
  public static void install(EventBus bus) {
    try {
      bus.registerDefaultCodec(Payload.class, new PayloadCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another BridgeCore on the same Vert.x instance registered it first
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, Payload payload) {
    byte[] bytes = payload.bytes();
    buffer.appendInt(bytes.length);
    buffer.appendBytes(bytes);
  }

  @Override
  public Payload decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return Payload.trusted(buffer.getBytes(pos + 4, pos + 4 + length));
  }

  @Override
  public Payload transform(Payload payload) {
    return payload;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
