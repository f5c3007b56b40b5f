package io.junction.websocket;

import io.junction.bridge.JsonText;
import io.vertx.core.buffer.Buffer;

/**
 * The frames of SockJS's {@code websocket} transport: each envelope as one element of a SockJS message array, that
 * is a comma and the envelope as a quoted JSON string. {@link SockJsWsConnection} joins the elements of one
 * event-loop turn into one {@code a[...]} frame. Quoted once per message per node.
 */
final class SockJsWsWire extends EnvelopeWire {

  static final SockJsWsWire INSTANCE = new SockJsWsWire();

  private SockJsWsWire() {
  }

  @Override
  protected Buffer frame(String json) {
    StringBuilder sb = new StringBuilder(json.length() + 16).append(',');
    return Buffer.buffer(JsonText.quote(sb, json).toString());
  }
}
