package io.junction.websocket;

import io.junction.bridge.ErrorCode;
import io.junction.bridge.Payload;
import io.junction.bridge.Wire;
import io.junction.sockjs.JsonWire;
import io.vertx.core.buffer.Buffer;

/**
 * A wire of the SockJS bridge's JSON envelopes ({@link JsonWire}) in bytes that go out as they are: subclasses say
 * how one envelope is framed. There is no pong (the official browser client does not expect one).
 */
abstract class EnvelopeWire extends Wire<Buffer> {

  /** {@code json}, one envelope, framed for the wire. */
  protected abstract Buffer frame(String json);

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
