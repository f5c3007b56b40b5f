package io.junction.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * A hand-written RFC 6455 client over a plain socket for the benchmarks: the upgrade handshake (no extension
 * offered, so no permessage-deflate), masked frames written through the 64 KiB buffer of {@link Conn}, and frames
 * read without decoding their payload. Pings are answered; fragmented messages are joined.
 */
final class WebSocket implements AutoCloseable {

  static final int TEXT = 1;
  static final int BINARY = 2;
  private static final int CLOSE = 8;
  private static final int PING = 9;
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  final Conn conn;
  private final SplittableRandom random;
  private byte[] scratch = new byte[4096];
  private byte[] joined = new byte[4096];
  /** The payload of the last message read: {@code data[off, off+len)}, valid until the next read. */
  byte[] data;
  int off;
  int len;

  private WebSocket(Conn conn, SplittableRandom random) {
    this.conn = conn;
    this.random = random;
  }

  static WebSocket open(int port, String path) throws IOException {
    return open(port, path, Conn.BUFFER);
  }

  /** Connects and upgrades {@code path}; {@code bufferBytes} sizes the connection's buffers. */
  static WebSocket open(int port, String path, int bufferBytes) throws IOException {
    Conn c = Conn.open(port, bufferBytes);
    try {
      SplittableRandom random = new SplittableRandom();
      byte[] nonce = new byte[16];
      for (int i = 0; i < nonce.length; i++) {
        nonce[i] = (byte) random.nextInt();
      }
      String key = Base64.getEncoder().encodeToString(nonce);
      String req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
      c.out.write(req.getBytes(StandardCharsets.ISO_8859_1));
      c.out.flush();
      String status = c.in.readLine();
      if (!status.startsWith("HTTP/1.1 101")) {
        throw new IOException("ws://127.0.0.1:" + port + path + " answered the upgrade with: " + status);
      }
      String accept = null;
      for (String h = c.in.readLine(); !h.isEmpty(); h = c.in.readLine()) {
        if (h.regionMatches(true, 0, "Sec-WebSocket-Accept:", 0, 21)) {
          accept = h.substring(21).trim();
        }
      }
      if (!expectedAccept(key).equals(accept)) {
        throw new IOException("bad Sec-WebSocket-Accept from ws://127.0.0.1:" + port + path + ": " + accept);
      }
      return new WebSocket(c, random);
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static String expectedAccept(String key) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void sendText(byte[] payload) throws IOException {
    send(TEXT, payload, 0, payload.length);
  }

  /** Appends one masked frame to the write buffer. */
  void send(int opcode, byte[] b, int from, int length) throws IOException {
    int head = length < 126 ? 2 : length < 65536 ? 4 : 10;
    int total = head + 4 + length;
    if (scratch.length < total) {
      scratch = new byte[Math.max(total, scratch.length * 2)];
    }
    byte[] s = scratch;
    s[0] = (byte) (0x80 | opcode);
    if (length < 126) {
      s[1] = (byte) (0x80 | length);
    } else if (length < 65536) {
      s[1] = (byte) (0x80 | 126);
      s[2] = (byte) (length >>> 8);
      s[3] = (byte) length;
    } else {
      s[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) {
        s[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
      }
    }
    int mask = random.nextInt();
    for (int i = 0; i < 4; i++) {
      s[head + i] = (byte) (mask >>> (24 - 8 * i));
    }
    int p = head + 4;
    for (int i = 0; i < length; i++) {
      s[p + i] = (byte) (b[from + i] ^ s[head + (i & 3)]);
    }
    conn.out.write(s, 0, total);
  }

  void flush() throws IOException {
    conn.out.flush();
  }

  /**
   * Reads the next data message into {@link #data}; returns its opcode ({@link #TEXT} or {@link #BINARY}), or -1
   * when the server closed the connection (close frame or end of stream).
   */
  int readMessage() throws IOException {
    ByteInput in = conn.in;
    int opcode = 0;
    int joinedLen = 0;
    try {
      while (true) {
        int b0 = in.readByte();
        int b1 = in.readByte();
        long n = b1 & 0x7f;
        if (n == 126) {
          n = (in.readByte() << 8) | in.readByte();
        } else if (n == 127) {
          n = ((long) in.readInt() << 32) | (in.readInt() & 0xffffffffL);
        }
        if ((b1 & 0x80) != 0) {
          in.skip(4); // servers do not mask; a masked frame is read as is
        }
        int op = b0 & 0x0f;
        boolean fin = (b0 & 0x80) != 0;
        if (op >= CLOSE) {
          byte[] control = new byte[(int) n];
          in.readFully(control, 0, control.length);
          if (op == CLOSE) {
            return -1;
          }
          if (op == PING) {
            send(0x0A, control, 0, control.length);
            flush();
          }
          continue;
        }
        if (op != 0) {
          opcode = op;
        }
        if (fin && joinedLen == 0 && n <= in.buf.length) {
          in.require((int) n);
          data = in.buf;
          off = in.pos;
          len = (int) n;
          in.pos += len;
          return opcode;
        }
        if (joined.length < joinedLen + n) {
          joined = java.util.Arrays.copyOf(joined, (int) Math.max(joinedLen + n, joined.length * 2L));
        }
        in.readFully(joined, joinedLen, (int) n);
        joinedLen += (int) n;
        if (fin) {
          data = joined;
          off = 0;
          len = joinedLen;
          return opcode;
        }
      }
    } catch (EOFException e) {
      return -1;
    }
  }

  /** Reads messages until one contains {@code marker} (the reply a client waits for to sync). */
  void readUntil(String marker) throws IOException {
    while (readMessage() > 0) {
      if (Envelopes.contains(data, off, len, marker)) {
        return;
      }
    }
    throw new IOException("the server closed the WebSocket before sending '" + marker + "'");
  }

  @Override
  public void close() {
    conn.close();
  }
}
