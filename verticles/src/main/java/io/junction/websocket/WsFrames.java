package io.junction.websocket;

import io.vertx.core.buffer.Buffer;

/**
 * Server-to-client WebSocket frames as bytes (RFC 6455 section 5.2): unmasked, unfragmented, no extension. Encoded
 * once per message per node and written as they are, batched with the other frames of an event-loop turn.
 */
final class WsFrames {

  private static final byte FIN_TEXT = (byte) 0x81;

  private WsFrames() {
  }

  /** A final text frame carrying {@code payload} (UTF-8). */
  static Buffer text(Buffer payload) {
    int n = payload.length();
    Buffer frame = Buffer.buffer(n + 10).appendByte(FIN_TEXT);
    if (n < 126) {
      frame.appendByte((byte) n);
    } else if (n < 65_536) {
      frame.appendByte((byte) 126).appendShort((short) n);
    } else {
      frame.appendByte((byte) 127).appendLong(n);
    }
    return frame.appendBuffer(payload);
  }
}
