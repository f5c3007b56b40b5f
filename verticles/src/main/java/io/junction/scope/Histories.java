package io.junction.scope;

import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.JsonText;
import io.junction.bridge.Payload;

import java.util.Map;

/** What history stores share: the entry format and the {@code history_gone} refusal. */
public final class Histories {

  private Histories() {
  }

  /** An entry's JSON text: {@code {"time","address","headers","body"}}, the body spliced in as it came. */
  public static String entry(long time, String address, Map<String, String> headers, Payload body) {
    StringBuilder sb = new StringBuilder(64 + body.bytes().length).append("{\"time\":").append(time).append(",\"address\":");
    JsonText.quote(sb, address).append(",\"headers\":{");
    boolean first = true;
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        sb.append(first ? "" : ",");
        JsonText.quote(sb, h.getKey()).append(':');
        JsonText.quote(sb, h.getValue());
        first = false;
      }
    }
    return sb.append("},\"body\":").append(body.text()).append('}').toString();
  }

  /** The {@code history_gone} refusal for a read after {@code after}, with the kept range. */
  public static BridgeException gone(String scope, long after, long head, long last) {
    String why = after > last
      ? "the history of scope " + scope + " restarted (its last message is " + last + ")"
      : "messages of scope " + scope + " after " + after + " are no longer kept (the oldest kept is " + head + ")";
    return new BridgeException(ErrorCode.HISTORY_GONE, why);
  }
}
