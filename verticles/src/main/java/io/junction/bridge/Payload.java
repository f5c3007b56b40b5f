package io.junction.bridge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message body as the UTF-8 text of one JSON value, exactly as a client sent it.
 *
 * <p>The hub forwards bodies without decoding them: a payload travels the event bus as its bytes (see
 * {@link PayloadCodec}) and is spliced into outgoing frames as is. {@link #value()} decodes on demand, for
 * services and for access rules that match on the body. Immutable and safe to share between threads.
 */
public final class Payload {

  public static final Payload NULL = new Payload("null".getBytes(StandardCharsets.US_ASCII));

  private final byte[] json;
  private volatile String text;

  private Payload(byte[] json) {
    this.json = json;
  }

  /** Wraps bytes that are known to hold exactly one valid JSON value (the frame parser checked them). */
  static Payload trusted(byte[] json) {
    return new Payload(json);
  }

  /**
   * Parses JSON text from an untrusted source.
   *
   * @throws BridgeException {@code invalid_json} when the bytes are not one JSON value
   */
  public static Payload parse(Buffer bytes) {
    if (bytes == null || bytes.length() == 0) {
      return NULL;
    }
    try {
      Json.decodeValue(bytes);
    } catch (DecodeException e) {
      throw new BridgeException(ErrorCode.INVALID_JSON, "the body is not JSON: " + e.getMessage());
    }
    return new Payload(bytes.getBytes());
  }

  /**
   * The payload of any event-bus body: a payload stays itself; JSON objects, arrays, strings, numbers, booleans
   * and null are encoded; a {@link Buffer} or byte array becomes a base64 JSON string.
   */
  public static Payload of(Object body) {
    if (body instanceof Payload) {
      return (Payload) body;
    }
    if (body == null) {
      return NULL;
    }
    if (body instanceof Buffer || body instanceof byte[]) {
      byte[] raw = body instanceof Buffer ? ((Buffer) body).getBytes() : (byte[]) body;
      return new Payload(Json.encode(java.util.Base64.getEncoder().encodeToString(raw)).getBytes(StandardCharsets.UTF_8));
    }
    return new Payload(Json.encode(body).getBytes(StandardCharsets.UTF_8));
  }

  /** The JSON text as UTF-8 bytes. Do not modify the array. */
  public byte[] bytes() {
    return json;
  }

  /** The JSON text. */
  public String text() {
    String t = text;
    if (t == null) {
      t = new String(json, StandardCharsets.UTF_8);
      text = t;
    }
    return t;
  }

  /** Decodes the value: a {@link JsonObject}, {@link JsonArray}, String, Number, Boolean or null. */
  public Object value() {
    Object v = Json.decodeValue(Buffer.buffer(json));
    if (v instanceof java.util.Map) {
      return new JsonObject(castMap(v));
    }
    if (v instanceof java.util.List) {
      return new JsonArray((java.util.List<?>) v);
    }
    return v;
  }

  /** The value when it is a JSON object, otherwise {@code null}. */
  public JsonObject asJsonObject() {
    Object v = json.length > 0 && json[firstNonBlank()] == '{' ? value() : null;
    return v instanceof JsonObject ? (JsonObject) v : null;
  }

  private int firstNonBlank() {
    int i = 0;
    while (i < json.length - 1 && json[i] <= ' ') {
      i++;
    }
    return i;
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> castMap(Object v) {
    return (java.util.Map<String, Object>) v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payload && Arrays.equals(json, ((Payload) o).json);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(json);
  }

  @Override
  public String toString() {
    return text();
  }
}
