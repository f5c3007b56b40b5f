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
    out.appendByte((byte) '"');
    // addresses are plain ASCII: copied as they are, without the encoder's escaping pass and its array
    out.appendBytes(plainAscii(s) ? s.getBytes(StandardCharsets.ISO_8859_1) : ENCODER.quoteAsUTF8(s));
    return out.appendByte((byte) '"');
  }

  /** Whether {@code s} is printable ASCII with nothing to escape in JSON. */
  private static boolean plainAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
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
