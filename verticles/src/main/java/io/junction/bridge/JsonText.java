package io.junction.bridge;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes JSON text by hand on the hot paths, where building a tree to encode it would cost more. */
public final class JsonText {

  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private JsonText() {
  }

  /** Appends {@code s} as a quoted JSON string. */
  public static Buffer quote(Buffer out, String s) {
    return out.appendByte((byte) '"').appendBytes(ENCODER.quoteAsUTF8(s)).appendByte((byte) '"');
  }

  /** Appends {@code s} as a quoted JSON string. */
  public static StringBuilder quote(StringBuilder out, String s) {
    out.append('"');
    ENCODER.quoteAsString(s, out);
    return out.append('"');
  }

  /** Event-bus headers as a JSON object of strings (for a name given twice, the last value wins). */
  public static byte[] headers(MultiMap headers) {
    if (headers == null || headers.isEmpty()) {
      return EMPTY_OBJECT;
    }
    StringBuilder sb = new StringBuilder(32).append('{');
    java.util.LinkedHashMap<String, String> last = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : headers) {
      if (!e.getKey().equals(BridgeCore.ORIGIN_HEADER)) {
        last.put(e.getKey(), e.getValue());
      }
    }
    if (last.isEmpty()) {
      return EMPTY_OBJECT;
    }
    for (Map.Entry<String, String> e : last.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      quote(sb, e.getKey()).append(':');
      quote(sb, e.getValue());
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }
}
