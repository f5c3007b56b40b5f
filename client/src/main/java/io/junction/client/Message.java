package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

/**
 * A message the client received: from a subscription, or the reply to a request. The body arrives as JSON text
 * and is decoded only when asked for. When {@link #replyAddress()} is set, the sender waits for an answer:
 * {@link #reply} or {@link #fail} (only this client may answer). Immutable and thread-safe.
 */
public final class Message {

  private final JunctionClient client;
  private final String address;
  private final Map<String, String> headers;
  private final byte[] body;
  private final String replyAddress;
  private final boolean send;

  Message(JunctionClient client, String address, Map<String, String> headers, byte[] body, String replyAddress, boolean send) {
    this.client = client;
    this.address = address;
    this.headers = headers == null ? Collections.<String, String>emptyMap() : Collections.unmodifiableMap(headers);
    this.body = body;
    this.replyAddress = replyAddress;
    this.send = send;
  }

  /** A message recovered from a scope's history: {@code {"seq","time","address","headers","body"}}. */
  static Message recovered(JunctionClient client, JsonNode entry) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    entry.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
    headers.put("seq", entry.path("seq").asText());
    try {
      return new Message(client, entry.path("address").asText(), headers, Frames.MAPPER.writeValueAsBytes(entry.get("body")), null, false);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The address the message was sent to (for a reply: the request's reply address). */
  public String address() {
    return address;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /**
   * The sequence number the hub gave the message in its scope (header {@code seq}), or -1: only messages
   * published into a scope that keeps history have one.
   */
  public long seq() {
    String seq = headers.get("seq");
    if (seq == null) {
      return -1;
    }
    try {
      return Long.parseLong(seq);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The body as JSON text, exactly as it arrived. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as a Jackson tree (a {@code NullNode} for null). */
  public JsonNode body() {
    try {
      return Frames.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("the body is not JSON", e);
    }
  }

  /** The body mapped to {@code type} with Jackson. @throws IllegalArgumentException when it does not map */
  public <T> T bodyAs(Class<T> type) {
    try {
      return Frames.MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("the body does not map to " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  /** Where the sender waits for an answer, or {@code null} when it does not. */
  public String replyAddress() {
    return replyAddress;
  }

  /** True for point-to-point messages and replies, false for published ones. */
  public boolean isSend() {
    return send;
  }

  /** Answers the sender with {@code body}. @throws IllegalStateException when nobody waits for an answer */
  public void reply(Object body) {
    reply(body, null);
  }

  public void reply(Object body, Map<String, String> headers) {
    client.enqueue(Frames.send(answerAddress(), body, headers, null), null);
  }

  /** Fails the sender's request: it gets {@code recipient_failure} with this code and message. */
  public void fail(int failureCode, String message) {
    client.enqueue(Frames.fail(answerAddress(), failureCode, message), null);
  }

  private String answerAddress() {
    if (replyAddress == null) {
      throw new IllegalStateException("the sender of this message does not wait for an answer");
    }
    return replyAddress;
  }

  @Override
  public String toString() {
    return address + " " + bodyText();
  }
}
