package io.junction.bench;

import java.nio.charset.StandardCharsets;

/**
 * The JSON envelopes of the Vert.x event-bus bridges (TCP and SockJS share them), and how the benchmark tells the
 * kind of a frame the server sent without decoding it: a prefix check for the common case, a search for the
 * {@code "type"} value otherwise (so a server that orders its keys differently is still understood).
 */
final class Envelopes {

  enum Kind { MESSAGE, PONG, ERROR, OTHER }

  private static final byte[] TYPE = ascii("\"type\"");

  private Envelopes() {
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String register(String address) {
    return "{\"type\":\"register\",\"address\":\"" + address + "\"}";
  }

  static String ping() {
    return "{\"type\":\"ping\"}";
  }

  static byte[] publish(String address, byte[] body) {
    return concat("{\"type\":\"publish\",\"address\":\"" + address + "\",\"body\":", body, "}");
  }

  static byte[] send(String address, String replyAddress, byte[] body) {
    return concat("{\"type\":\"send\",\"address\":\"" + address + "\",\"replyAddress\":\"" + replyAddress + "\",\"body\":", body, "}");
  }

  static byte[] concat(String head, byte[] middle, String tail) {
    byte[] h = ascii(head);
    byte[] t = ascii(tail);
    byte[] out = new byte[h.length + middle.length + t.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(middle, 0, out, h.length, middle.length);
    System.arraycopy(t, 0, out, h.length + middle.length, t.length);
    return out;
  }

  /**
   * The kind of the envelope in {@code b[off, off+len)}; {@code messagePrefix} is what a message starts with when
   * the server writes {@code type} first ({@code {"type":"message"} over TCP, {@code {"type":"rec"} over SockJS).
   */
  static Kind kind(byte[] b, int off, int len, byte[] messagePrefix, String messageType) {
    if (startsWith(b, off, len, messagePrefix)) {
      return Kind.MESSAGE;
    }
    int t = indexOf(b, off, off + len, TYPE);
    if (t < 0) {
      return Kind.OTHER;
    }
    int i = t + TYPE.length;
    while (i < off + len && (b[i] == ' ' || b[i] == ':')) {
      i++;
    }
    String value = quoted(b, i, off + len);
    if (value.equals(messageType)) {
      return Kind.MESSAGE;
    }
    switch (value) {
      case "pong": return Kind.PONG;
      case "err": return Kind.ERROR;
      default: return Kind.OTHER;
    }
  }

  private static String quoted(byte[] b, int i, int end) {
    if (i >= end || b[i] != '"') {
      return "";
    }
    int j = i + 1;
    while (j < end && b[j] != '"') {
      j++;
    }
    return new String(b, i + 1, j - i - 1, StandardCharsets.UTF_8);
  }

  static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
    if (len < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[off + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static boolean contains(byte[] b, int off, int len, String needle) {
    return indexOf(b, off, off + len, ascii(needle)) >= 0;
  }

  static int indexOf(byte[] b, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (b[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
