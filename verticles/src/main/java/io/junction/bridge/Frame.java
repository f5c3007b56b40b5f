package io.junction.bridge;

import java.util.Map;

/**
 * One frame from a client, already validated by {@link FrameParser}: the type is known, and every frame but
 * {@code ping} has a non-empty address. {@code body} is never null ({@link Payload#NULL} when absent).
 */
public final class Frame {

  final FrameType type;
  final String address;
  final String replyAddress;
  final Map<String, String> headers;
  final Payload body;
  final Integer failureCode;
  final String failureMessage;

  Frame(FrameType type, String address, String replyAddress, Map<String, String> headers, Payload body,
        Integer failureCode, String failureMessage) {
    this.type = type;
    this.address = address;
    this.replyAddress = replyAddress;
    this.headers = headers;
    this.body = body;
    this.failureCode = failureCode;
    this.failureMessage = failureMessage;
  }

  public FrameType type() {
    return type;
  }

  public String address() {
    return address;
  }

  public String replyAddress() {
    return replyAddress;
  }

  /** Headers as strings, or {@code null} when the frame had none. */
  public Map<String, String> headers() {
    return headers;
  }

  public Payload body() {
    return body;
  }

  /** Set when a client fails a request it received; then {@link #failureMessage()} may say why. */
  public Integer failureCode() {
    return failureCode;
  }

  public String failureMessage() {
    return failureMessage;
  }
}
