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

  /** Bytes of the header of a frame of {@code n} payload bytes. */
  static int headerLength(int n) {
    return n < 126 ? 2 : n < 65_536 ? 4 : 10;
  }

  /** Writes the header of a final text frame of {@code n} payload bytes at {@code at} of {@code buf}. */
  static void writeTextHeader(io.netty.buffer.ByteBuf buf, int at, int n) {
    buf.setByte(at, FIN_TEXT);
    if (n < 126) {
      buf.setByte(at + 1, n);
    } else if (n < 65_536) {
      buf.setByte(at + 1, 126);
      buf.setShort(at + 2, n);
    } else {
      buf.setByte(at + 1, 127);
      buf.setLong(at + 2, n);
    }
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
