package io.junction.http;

import io.junction.bridge.ErrorCode;
import io.junction.bridge.JsonText;
import io.junction.bridge.Payload;
import io.junction.bridge.Wire;
import io.vertx.core.buffer.Buffer;

/**
 * Server-Sent Events: one {@code data:} event per message, {@code {"address","headers","body"}}; errors as an
 * {@code error} event with {@code {"error","code","message"}}. Raw line breaks inside JSON can only be
 * whitespace, so they become spaces and every event stays on one {@code data:} line.
 */
public final class SseWire extends Wire<Buffer> {

  public static final SseWire INSTANCE = new SseWire();

  private SseWire() {
  }

  @Override
  public Buffer message(String address, byte[] headers, Payload body, String replyAddress, boolean send) {
    byte[] b = body.bytes();
    Buffer out = Buffer.buffer(48 + address.length() + headers.length + b.length).appendString("data: {\"address\":");
    JsonText.quote(out, address).appendString(",\"headers\":").appendBytes(headers).appendString(",\"body\":");
    appendOneLine(out, b);
    return out.appendString("}\n\n");
  }

  private static void appendOneLine(Buffer out, byte[] json) {
    int start = out.length();
    out.appendBytes(json);
    for (int i = 0; i < json.length; i++) {
      if (json[i] == '\n' || json[i] == '\r') {
        out.setByte(start + i, (byte) ' ');
      }
    }
  }

  @Override
  public Buffer error(ErrorCode code, String detail) {
    Buffer out = Buffer.buffer(128).appendString("event: error\ndata: {\"error\":");
    JsonText.quote(out, code.id()).appendString(",\"code\":" + code.code() + ",\"message\":");
    return JsonText.quote(out, detail).appendString("}\n\n");
  }

  @Override
  public Buffer failure(String replyAddress, String sourceAddress, int failureCode, String failureType,
                        String message, ErrorCode code) {
    return error(code, message);
  }

  @Override
  public Buffer pong() {
    return null;
  }

}
