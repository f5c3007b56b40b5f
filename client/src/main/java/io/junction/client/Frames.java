package io.junction.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TCP wire format: every frame is a 4-byte big-endian length and that many bytes of UTF-8 JSON. Encodes the
 * client's frames (length included) and decodes the hub's, cutting bodies out as raw JSON bytes. Stateless.
 */
final class Frames {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  static final byte[] PING = frame("{\"type\":\"ping\"}".getBytes(StandardCharsets.US_ASCII));
  private static final Object NO_BODY = new Object();

  private Frames() {
  }

  static byte[] publish(String address, Object body, Map<String, String> headers, String ackAddress) {
    if (body instanceof RawJson && (headers == null || headers.isEmpty()) && ackAddress == null) {
      return rawPublish(address, (RawJson) body);
    }
    return encode("publish", address, body, headers, ackAddress, null, null);
  }

  private static final byte[] PUBLISH_HEAD = "{\"type\":\"publish\",\"address\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BODY_FIELD = "\",\"body\":".getBytes(StandardCharsets.US_ASCII);

  /** The common case, spliced together without a generator: a pre-encoded body, no headers. */
  private static byte[] rawPublish(String address, RawJson body) {
    byte[] a = JsonStringEncoder.getInstance().quoteAsUTF8(address);
    byte[] b = body.utf8();
    int len = PUBLISH_HEAD.length + a.length + BODY_FIELD.length + b.length + 1;
    byte[] f = new byte[4 + len];
    f[0] = (byte) (len >>> 24);
    f[1] = (byte) (len >>> 16);
    f[2] = (byte) (len >>> 8);
    f[3] = (byte) len;
    int p = 4;
    System.arraycopy(PUBLISH_HEAD, 0, f, p, PUBLISH_HEAD.length);
    p += PUBLISH_HEAD.length;
    System.arraycopy(a, 0, f, p, a.length);
    p += a.length;
    System.arraycopy(BODY_FIELD, 0, f, p, BODY_FIELD.length);
    p += BODY_FIELD.length;
    System.arraycopy(b, 0, f, p, b.length);
    f[f.length - 1] = '}';
    return f;
  }

  static byte[] send(String address, Object body, Map<String, String> headers, String replyAddress) {
    return encode("send", address, body, headers, replyAddress, null, null);
  }

  static byte[] register(String address, String ackAddress) {
    return encode("register", address, NO_BODY, null, ackAddress, null, null);
  }

  static byte[] unregister(String address) {
    return encode("unregister", address, NO_BODY, null, null, null, null);
  }

  static byte[] fail(String replyAddress, int failureCode, String message) {
    return encode("send", replyAddress, NO_BODY, null, null, failureCode, message);
  }

  private static byte[] encode(String type, String address, Object body, Map<String, String> headers,
                               String replyAddress, Integer failureCode, String message) {
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", type);
      g.writeStringField("address", address);
      if (replyAddress != null) {
        g.writeStringField("replyAddress", replyAddress);
      }
      if (headers != null && !headers.isEmpty()) {
        g.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> h : headers.entrySet()) {
          g.writeStringField(h.getKey(), h.getValue());
        }
        g.writeEndObject();
      }
      if (body != NO_BODY) {
        g.writeFieldName("body");
        writeBody(g, body);
      }
      if (failureCode != null) {
        g.writeNumberField("failureCode", failureCode);
        g.writeStringField("message", message == null ? "" : message);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("the body cannot be written as JSON: " + e.getMessage(), e);
    }
    return frame(out.toByteArray());
  }

  private static void writeBody(JsonGenerator g, Object body) throws IOException {
    if (body instanceof RawJson) {
      g.writeRawValue(((RawJson) body).text());
    } else if (body instanceof JsonNode) {
      g.writeTree((JsonNode) body);
    } else {
      MAPPER.writeValue(g, body);
    }
  }

  private static byte[] frame(byte[] json) {
    byte[] f = new byte[json.length + 4];
    f[0] = (byte) (json.length >>> 24);
    f[1] = (byte) (json.length >>> 16);
    f[2] = (byte) (json.length >>> 8);
    f[3] = (byte) json.length;
    System.arraycopy(json, 0, f, 4, json.length);
    return f;
  }

  /** A frame from the hub. Unknown fields are ignored. */
  static final class Incoming {
    String type;
    String address;
    String replyAddress;
    Map<String, String> headers;
    byte[] body = "null".getBytes(StandardCharsets.US_ASCII);
    boolean send;
    String message;
    String bodyText;
    String error;
    int code;
    String detail;
    int failureCode;
    String failureType;

    /** The {@link JunctionException} an {@code err} frame stands for. */
    JunctionException toException() {
      String id = error != null ? error : message != null && failureType == null ? message : bodyText;
      ErrorId errorId = ErrorId.of(id);
      if (errorId == ErrorId.UNKNOWN && failureType != null) {
        errorId = ErrorId.of(failureType.toLowerCase(java.util.Locale.ROOT));
      }
      String text = detail != null ? detail : message != null ? message : id;
      int fc = failureType != null ? failureCode : errorId.code();
      return new JunctionException(errorId, text, fc, null);
    }
  }

  static Incoming decode(byte[] data) throws IOException {
    Incoming in = new Incoming();
    try (JsonParser p = FACTORY.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a frame from the server is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.getCurrentName();
        JsonToken v = p.nextToken();
        read(in, name, v, p, data);
      }
    }
    return in;
  }

  private static void read(Incoming in, String name, JsonToken v, JsonParser p, byte[] data) throws IOException {
    switch (name) {
      case "type": in.type = text(p, v); break;
      case "address": in.address = text(p, v); break;
      case "replyAddress": in.replyAddress = text(p, v); break;
      case "send": in.send = v == JsonToken.VALUE_TRUE; break;
      case "message": in.message = text(p, v); break;
      case "error": in.error = text(p, v); break;
      case "detail": in.detail = text(p, v); break;
      case "failureType": in.failureType = text(p, v); break;
      case "code": in.code = v.isNumeric() ? p.getIntValue() : 0; break;
      case "failureCode": in.failureCode = v.isNumeric() ? p.getIntValue() : 0; break;
      case "headers": in.headers = headers(p, v); break;
      case "body":
        in.body = body(p, v, data);
        in.bodyText = v == JsonToken.VALUE_STRING ? p.getText() : null;
        break;
      default: p.skipChildren();
    }
  }

  private static String text(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  private static Map<String, String> headers(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    Map<String, String> h = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.getCurrentName();
      p.nextToken();
      h.put(key, p.getValueAsString());
      p.skipChildren();
    }
    return h;
  }

  private static byte[] body(JsonParser p, JsonToken v, byte[] data) throws IOException {
    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
      int start = (int) p.getTokenLocation().getByteOffset();
      p.skipChildren();
      int end = (int) p.getCurrentLocation().getByteOffset();
      return Arrays.copyOfRange(data, start, end);
    }
    if (v == JsonToken.VALUE_STRING) {
      StringBuilder sb = new StringBuilder().append('"');
      JsonStringEncoder.getInstance().quoteAsString(p.getText(), sb);
      return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }
    return p.getText().getBytes(StandardCharsets.UTF_8);
  }
}
