package io.junction.bridge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the JSON envelope shared by the TCP, SockJS and WebSocket transports with a streaming parser. The body
 * is checked to be valid JSON but not decoded: its bytes are cut out of the frame and carried as a
 * {@link Payload}. Unknown fields are skipped. Thread-safe (stateless).
 */
public final class FrameParser {

  private static final JsonFactory FACTORY = new JsonFactory();

  private FrameParser() {
  }

  /**
   * Parses one frame.
   *
   * @throws BridgeException with {@code invalid_json}, {@code missing_type}, {@code unknown_type},
   *                         {@code missing_address} or {@code invalid_frame}
   */
  public static Frame parse(byte[] data) {
    try (JsonParser p = FACTORY.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BridgeException(ErrorCode.INVALID_JSON, "a frame must be one JSON object");
      }
      Fields f = new Fields();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        f.read(name, p, p.nextToken(), data);
      }
      if (p.nextToken() != null) {
        throw new BridgeException(ErrorCode.INVALID_JSON, "data after the end of the frame object");
      }
      return f.toFrame();
    } catch (JsonProcessingException e) {
      throw new BridgeException(ErrorCode.INVALID_JSON, "the frame is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BridgeException(ErrorCode.INVALID_JSON, "the frame could not be read: " + e.getMessage());
    }
  }

  private static final class Fields {
    String type;
    boolean hasType;
    String address;
    String replyAddress;
    Map<String, String> headers;
    Payload body = Payload.NULL;
    Integer failureCode;
    String message;

    void read(String name, JsonParser p, JsonToken value, byte[] data) throws IOException {
      switch (name) {
        case "type":
          hasType = value != JsonToken.VALUE_NULL;
          type = string(p, value, name);
          break;
        case "address":
          address = string(p, value, name);
          break;
        case "replyAddress":
          replyAddress = string(p, value, name);
          break;
        case "headers":
          headers = headers(p, value);
          break;
        case "body":
          body = body(p, value, data);
          break;
        case "failureCode":
          failureCode = integer(p, value, name);
          break;
        case "message":
          message = value == JsonToken.VALUE_STRING ? p.getText() : null;
          p.skipChildren();
          break;
        default:
          p.skipChildren();
      }
    }

    Frame toFrame() {
      if (!hasType) {
        throw new BridgeException(ErrorCode.MISSING_TYPE, "the frame needs a \"type\"");
      }
      FrameType t = FrameType.of(type);
      if (t == null) {
        throw new BridgeException(ErrorCode.UNKNOWN_TYPE, "unknown frame type \"" + type + "\"");
      }
      if (t != FrameType.PING && (address == null || address.isEmpty())) {
        throw new BridgeException(ErrorCode.MISSING_ADDRESS, "a " + type + " frame needs an \"address\"");
      }
      return new Frame(t, address, replyAddress, headers, body, failureCode, message);
    }
  }

  private static String string(JsonParser p, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "\"" + field + "\" must be a string");
    }
    return p.getText();
  }

  private static Integer integer(JsonParser p, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "\"" + field + "\" must be a 32-bit integer");
    }
    return p.getIntValue();
  }

  private static Map<String, String> headers(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "\"headers\" must be an object");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
        throw new BridgeException(ErrorCode.INVALID_FRAME, "header \"" + name + "\" must be a string, number or boolean");
      }
      if (v != JsonToken.VALUE_NULL) {
        headers.put(name, p.getText());
      }
    }
    return headers.isEmpty() ? null : headers;
  }

  private static Payload body(JsonParser p, JsonToken value, byte[] data) throws IOException {
    switch (value) {
      case START_OBJECT:
      case START_ARRAY: {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        return Payload.trusted(Arrays.copyOfRange(data, start, end));
      }
      case VALUE_STRING: {
        StringBuilder sb = new StringBuilder(p.getTextLength() + 2);
        return Payload.trusted(JsonText.quote(sb, p.getText()).toString().getBytes(StandardCharsets.UTF_8));
      }
      case VALUE_NULL:
        return Payload.NULL;
      default:
        // numbers and booleans: their text is their JSON
        return Payload.trusted(p.getText().getBytes(StandardCharsets.US_ASCII));
    }
  }
}
