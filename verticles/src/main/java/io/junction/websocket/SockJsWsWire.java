package io.junction.websocket;

import io.junction.bridge.ErrorCode;
import io.junction.bridge.JsonText;
import io.junction.bridge.Payload;
import io.junction.bridge.Wire;
import io.junction.sockjs.JsonWire;
import io.vertx.core.buffer.Buffer;

/**
 * The frames of SockJS's {@code websocket} transport: each envelope ({@link JsonWire}) as one element of a SockJS
 * message array, that is a comma and the envelope as a quoted JSON string. {@link SockJsWsConnection} joins the
 * elements of one event-loop turn into one {@code a[...]} frame. Quoted once per message per node.
 */
final class SockJsWsWire extends Wire<Buffer> {

  static final SockJsWsWire INSTANCE = new SockJsWsWire();

  private SockJsWsWire() {
  }

  private static Buffer element(String json) {
    StringBuilder sb = new StringBuilder(json.length() + 16).append(',');
    return Buffer.buffer(JsonText.quote(sb, json).toString());
  }

  @Override
  public Buffer message(String address, byte[] headers, Payload body, String replyAddress, boolean send) {
    return element(JsonWire.INSTANCE.message(address, headers, body, replyAddress, send));
  }

  @Override
  public Buffer error(ErrorCode code, String detail) {
    return element(JsonWire.INSTANCE.error(code, detail));
  }

  @Override
  public Buffer failure(String replyAddress, String sourceAddress, int failureCode, String failureType, String message,
                        ErrorCode code) {
    return element(JsonWire.INSTANCE.failure(replyAddress, sourceAddress, failureCode, failureType, message, code));
  }

  @Override
  public Buffer pong() {
    return null;
  }
}
