package io.junction.sockjs;

import io.junction.bridge.ErrorCode;
import io.junction.bridge.JsonText;
import io.junction.bridge.Payload;
import io.junction.bridge.Wire;

/**
 * The frames of the Vert.x SockJS event-bus bridge, one JSON text per SockJS message or WebSocket text frame:
 * messages are {@code "rec"}, errors keep the stock shape ({@code "body"} holds the error id) and add
 * {@code "error"} and {@code "code"}. There is no pong (the official browser client does not expect one).
 */
public final class JsonWire extends Wire<String> {

  public static final JsonWire INSTANCE = new JsonWire();

  private JsonWire() {
  }

  @Override
  public String message(String address, byte[] headers, Payload body, String replyAddress, boolean send) {
    String b = body.text();
    StringBuilder sb = new StringBuilder(48 + address.length() + headers.length + b.length());
    JsonText.quote(sb.append("{\"type\":\"rec\",\"address\":"), address);
    if (replyAddress != null) {
      JsonText.quote(sb.append(",\"replyAddress\":"), replyAddress);
    }
    sb.append(",\"headers\":").append(new String(headers, java.nio.charset.StandardCharsets.UTF_8));
    return sb.append(",\"body\":").append(b).append('}').toString();
  }

  @Override
  public String error(ErrorCode code, String detail) {
    StringBuilder sb = new StringBuilder(128).append("{\"type\":\"err\",\"body\":");
    JsonText.quote(sb, code.id()).append(",\"error\":");
    JsonText.quote(sb, code.id()).append(",\"code\":").append(code.code()).append(",\"detail\":");
    return JsonText.quote(sb, detail).append('}').toString();
  }

  @Override
  public String failure(String replyAddress, String sourceAddress, int failureCode, String failureType,
                        String message, ErrorCode code) {
    StringBuilder sb = new StringBuilder(192).append("{\"type\":\"err\",\"address\":");
    JsonText.quote(sb, replyAddress).append(",\"sourceAddress\":");
    JsonText.quote(sb, sourceAddress).append(",\"failureCode\":").append(failureCode).append(",\"failureType\":");
    JsonText.quote(sb, failureType).append(",\"message\":");
    JsonText.quote(sb, message == null ? "" : message).append(",\"error\":");
    return JsonText.quote(sb, code.id()).append(",\"code\":").append(code.code()).append('}').toString();
  }

  @Override
  public String pong() {
    return null;
  }

}
