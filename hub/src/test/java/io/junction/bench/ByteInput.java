package io.junction.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * An unsynchronized read buffer over a stream, for the benchmark clients: length-prefixed frames, lines and
 * WebSocket headers are parsed straight out of {@link #buf} without copying or decoding (a
 * {@code BufferedInputStream} locks on every byte, which would make the client, not the server, the bottleneck).
 */
final class ByteInput {

  private final InputStream in;
  final byte[] buf;
  /** The next unread byte in {@link #buf}. */
  int pos;
  /** One past the last buffered byte. */
  int lim;

  ByteInput(InputStream in, int size) {
    this.in = in;
    this.buf = new byte[size];
  }

  /** Makes sure at least {@code n} (at most the buffer size) unread bytes are buffered. */
  void require(int n) throws IOException {
    if (lim - pos >= n) {
      return;
    }
    if (n > buf.length) {
      throw new IOException("a unit of " + n + " bytes does not fit the " + buf.length + "-byte buffer");
    }
    if (buf.length - pos < n) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    while (lim - pos < n) {
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) {
        throw new EOFException();
      }
      lim += r;
    }
  }

  /** Reads whatever arrives next when nothing is buffered; false at the end of the stream. */
  boolean fillSome() throws IOException {
    if (lim > pos) {
      return true;
    }
    pos = 0;
    lim = 0;
    int r = in.read(buf, 0, buf.length);
    if (r < 0) {
      return false;
    }
    lim = r;
    return true;
  }

  int readByte() throws IOException {
    require(1);
    return buf[pos++] & 0xff;
  }

  int readInt() throws IOException {
    require(4);
    int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  void skip(long n) throws IOException {
    while (n > 0) {
      if (lim == pos && !fillSome()) {
        throw new EOFException();
      }
      int k = (int) Math.min(n, lim - pos);
      pos += k;
      n -= k;
    }
  }

  void readFully(byte[] dst, int off, int len) throws IOException {
    while (len > 0) {
      if (lim == pos && !fillSome()) {
        throw new EOFException();
      }
      int k = Math.min(len, lim - pos);
      System.arraycopy(buf, pos, dst, off, k);
      pos += k;
      off += k;
      len -= k;
    }
  }

  /** The index in {@link #buf} of the next {@code '\n'}, buffering more as needed (lines must fit the buffer). */
  int lineEnd() throws IOException {
    int from = pos;
    while (true) {
      for (int i = from; i < lim; i++) {
        if (buf[i] == '\n') {
          return i;
        }
      }
      int have = lim - pos;
      require(have + 1);
      from = pos + have;
    }
  }

  /** The next line as ASCII without its line break. */
  String readLine() throws IOException {
    int end = lineEnd();
    int stop = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
    String s = new String(buf, pos, stop - pos, java.nio.charset.StandardCharsets.ISO_8859_1);
    pos = end + 1;
    return s;
  }
}
