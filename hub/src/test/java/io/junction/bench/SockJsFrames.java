package io.junction.bench;

import java.nio.charset.StandardCharsets;

/**
 * Counts the messages in SockJS frames without decoding them: an {@code a[...]} frame holds one JSON string per
 * message (several may share a frame), {@code o}, {@code h} and {@code c[...]} hold none. Fed byte by byte across
 * reads, so it also follows the newline-separated frames of xhr-streaming; over WebSocket each message is one
 * frame ({@link #newFrame()}). Also builds the {@code ["..."]} frames a client sends.
 */
final class SockJsFrames {

  private boolean lineStart = true;
  private boolean inArray;
  private boolean inString;
  private boolean escape;
  private boolean closed;
  private boolean opened;
  private StringBuilder closeFrame;
  private static final byte[] SLOW = Envelopes.ascii("slow_consumer");
  private int slowMatch;
  private boolean slow;

  /** Starts a new frame (each WebSocket message is one). */
  void newFrame() {
    lineStart = true;
    inArray = false;
    inString = false;
    escape = false;
  }

  /** Feeds {@code b[off, off+len)}; returns how many messages started in it. */
  int feed(byte[] b, int off, int len) {
    int count = 0;
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      slowMatch = c == SLOW[slowMatch] ? slowMatch + 1 : c == SLOW[0] ? 1 : 0;
      if (slowMatch == SLOW.length) {
        slow = true;
        slowMatch = 0;
      }
      if (closeFrame != null && closeFrame.length() < 200 && c != '\n') {
        closeFrame.append((char) c);
      }
      if (lineStart) {
        if (c == 'c' && closeFrame == null) {
          closeFrame = new StringBuilder("c");
        }
        lineStart = c == '\n';
        inArray = c == 'a';
        closed |= c == 'c';
        opened |= c == 'o';
      } else if (inString) {
        if (escape) {
          escape = false;
        } else if (c == '\\') {
          escape = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '\n') {
        lineStart = true;
        inArray = false;
      } else if (inArray && c == '"') {
        inString = true;
        count++;
      }
    }
    return count;
  }

  /** Whether the open frame {@code o} was seen. */
  boolean opened() {
    return opened;
  }

  /** Whether a close frame ({@code c[code,"reason"]}) was seen. */
  boolean closed() {
    return closed;
  }

  /** Whether an error envelope with {@code slow_consumer} came. */
  boolean slowConsumer() {
    return slow;
  }

  /** The close frame, when one was seen. */
  String closeFrame() {
    return closeFrame == null ? null : closeFrame.toString();
  }

  /** The client frame {@code ["<json as a string>"]} carrying one envelope. */
  static byte[] clientFrame(byte[] json) {
    String s = new String(json, StandardCharsets.UTF_8);
    return ("[\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]").getBytes(StandardCharsets.UTF_8);
  }

  /** A random SockJS session path under {@code base}: {@code base/<3 digits>/<8 letters>/}. */
  static String sessionPath(String base) {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    StringBuilder sb = new StringBuilder(base).append('/').append(100 + r.nextInt(900)).append('/');
    for (int i = 0; i < 8; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.append('/').toString();
  }
}
