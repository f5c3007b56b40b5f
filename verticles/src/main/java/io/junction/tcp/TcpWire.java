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

  private TcpWire() {
  }

  @Override
  public Buffer message(String address, byte[] headers, Payload body, String replyAddress, boolean send) {
    byte[] b = body.bytes();
    Buffer out = Buffer.buffer(64 + address.length() + headers.length + b.length).appendInt(0);
    out.appendString("{\"type\":\"message\",\"address\":");
    JsonText.quote(out, address);
    if (replyAddress != null) {
      out.appendString(",\"replyAddress\":");
      JsonText.quote(out, replyAddress);
    }
    out.appendString(",\"headers\":").appendBytes(headers).appendString(",\"body\":").appendBytes(b);
    out.appendString(send ? ",\"send\":true}" : ",\"send\":false}");
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


  private static Buffer sized(Buffer out) {
    return out.setInt(0, out.length() - 4);
  }
}
