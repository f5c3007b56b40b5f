package io.junction.tcp;

import io.junction.bridge.ErrorCode;
import io.junction.bridge.JsonText;
import io.junction.bridge.Payload;
import io.junction.bridge.Wire;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * The frames of the Vert.x TCP event-bus bridge: a 4-byte big-endian length, then that many bytes of UTF-8 JSON.
 * Errors keep the stock shape ({@code "message"} holds the error id) and add {@code "error"} and {@code "code"}.
 */
public final class TcpWire extends Wire<Buffer> {

  public static final TcpWire INSTANCE = new TcpWire();

  private static final byte[] PONG = "{\"type\":\"pong\"}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MESSAGE = ascii("{\"type\":\"message\",\"address\":");
  private static final byte[] REPLY_ADDRESS = ascii(",\"replyAddress\":");
  private static final byte[] HEADERS = ascii(",\"headers\":");
  private static final byte[] BODY = ascii(",\"body\":");
  private static final byte[] SEND_TRUE = ascii(",\"send\":true}");
  private static final byte[] SEND_FALSE = ascii(",\"send\":false}");

  private TcpWire() {
  }

  @Override
  public Buffer message(String address, byte[] headers, Payload body, String replyAddress, boolean send) {
    byte[] b = body.bytes();
    Buffer out = Buffer.buffer(64 + address.length() + headers.length + b.length).appendInt(0);
    out.appendBytes(MESSAGE);
    JsonText.quote(out, address);
    if (replyAddress != null) {
      out.appendBytes(REPLY_ADDRESS);
      JsonText.quote(out, replyAddress);
    }
    out.appendBytes(HEADERS).appendBytes(headers).appendBytes(BODY).appendBytes(b);
    out.appendBytes(send ? SEND_TRUE : SEND_FALSE);
    return sized(out);
  }

  @Override
  public Buffer error(ErrorCode code, String detail) {
    Buffer out = Buffer.buffer(128).appendInt(0).appendString("{\"type\":\"err\",\"message\":");
    JsonText.quote(out, code.id()).appendString(",\"error\":");
    JsonText.quote(out, code.id()).appendString(",\"code\":" + code.code() + ",\"detail\":");
    JsonText.quote(out, detail).appendString("}");
    return sized(out);
  }

  @Override
  public Buffer failure(String replyAddress, String sourceAddress, int failureCode, String failureType,
                        String message, ErrorCode code) {
    Buffer out = Buffer.buffer(192).appendInt(0).appendString("{\"type\":\"err\",\"address\":");
    JsonText.quote(out, replyAddress).appendString(",\"sourceAddress\":");
    JsonText.quote(out, sourceAddress).appendString(",\"failureCode\":" + failureCode + ",\"failureType\":");
    JsonText.quote(out, failureType).appendString(",\"message\":");
    JsonText.quote(out, message == null ? "" : message).appendString(",\"error\":");
    JsonText.quote(out, code.id()).appendString(",\"code\":" + code.code() + "}");
    return sized(out);
  }

  @Override
  public Buffer pong() {
    return Buffer.buffer(PONG.length + 4).appendInt(PONG.length).appendBytes(PONG);
  }


  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static Buffer sized(Buffer out) {
    return out.setInt(0, out.length() - 4);
  }
}
