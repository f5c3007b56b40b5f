package io.junction.websocket;

import io.junction.bridge.ErrorCode;
import io.junction.bridge.Payload;
import io.junction.bridge.Wire;
import io.junction.sockjs.JsonWire;
import io.vertx.core.buffer.Buffer;

/**
 * The frames of the plain WebSocket endpoint: the SockJS bridge's JSON envelopes ({@link JsonWire}), one per
 * WebSocket text frame, encoded as whole frames so that one buffer of them goes out per event-loop turn.
 */
final class WsWire extends Wire<Buffer> {

  static final WsWire INSTANCE = new WsWire();

  private WsWire() {
  }

  private static Buffer frame(String json) {
    return WsFrames.text(Buffer.buffer(json));
  }

  @Override
  public Buffer message(String address, byte[] headers, Payload body, String replyAddress, boolean send) {
    return frame(JsonWire.INSTANCE.message(address, headers, body, replyAddress, send));
  }

  @Override
  public Buffer error(ErrorCode code, String detail) {
    return frame(JsonWire.INSTANCE.error(code, detail));
  }

  @Override
  public Buffer failure(String replyAddress, String sourceAddress, int failureCode, String failureType, String message,
                        ErrorCode code) {
    return frame(JsonWire.INSTANCE.failure(replyAddress, sourceAddress, failureCode, failureType, message, code));
  }

  @Override
  public Buffer pong() {
    return null;
  }
}
