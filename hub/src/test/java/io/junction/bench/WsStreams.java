package io.junction.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte stream over WebSocket messages, for protocols that treat WebSocket as a pipe (NATS over WebSocket: its text
 * protocol inside binary frames, cut anywhere): what is written up to 64 KiB, or up to a flush, goes out as one
 * masked binary frame; what is read is the payloads of the server's frames, one after another.
 */
final class WsStreams {

  private final WebSocket ws;
  private final byte[] pending = new byte[Conn.BUFFER];
  private int pendingLen;
  private byte[] data;
  private int off;
  private int left;

  WsStreams(WebSocket ws) {
    this.ws = ws;
  }

  final OutputStream output = new OutputStream() {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int from, int len) throws IOException {
      while (len > 0) {
        int k = Math.min(len, pending.length - pendingLen);
        System.arraycopy(b, from, pending, pendingLen, k);
        pendingLen += k;
        from += k;
        len -= k;
        if (pendingLen == pending.length) {
          emit();
        }
      }
    }

    @Override
    public void flush() throws IOException {
      emit();
      ws.flush();
    }
  };

  final InputStream input = new InputStream() {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int to, int len) throws IOException {
      while (left == 0) {
        if (ws.readMessage() < 0) {
          return -1;
        }
        data = ws.data;
        off = ws.off;
        left = ws.len;
      }
      int k = Math.min(len, left);
      System.arraycopy(data, off, b, to, k);
      off += k;
      left -= k;
      return k;
    }
  };

  private void emit() throws IOException {
    if (pendingLen > 0) {
      ws.send(WebSocket.BINARY, pending, 0, pendingLen);
      pendingLen = 0;
    }
  }
}
