package io.junction.websocket;

import io.vertx.core.buffer.Buffer;

/**
 * The frames of the plain WebSocket endpoint: one envelope per WebSocket text frame, encoded as whole frames so
 * that one buffer of them goes out per event-loop turn.
 */
final class WsWire extends EnvelopeWire {

  static final WsWire INSTANCE = new WsWire();

  private WsWire() {
  }

  @Override
  protected Buffer frame(String json) {
    return WsFrames.text(Buffer.buffer(json));
  }
}
