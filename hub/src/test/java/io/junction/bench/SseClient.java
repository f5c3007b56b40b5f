package io.junction.bench;

import java.io.IOException;

/**
 * A Server-Sent Events subscriber of Junction's {@code GET /api/subscribe/{address}}: one {@code data:} line per
 * message, counted at line starts across chunks without decoding. The node writes {@code : subscribed to ...}
 * once the subscription holds, which is the sync. Subscribe only: publishers use another transport.
 */
final class SseClient implements BusClient {

  private static final byte[] DATA = Envelopes.ascii("data:");
  private static final byte[] SUBSCRIBED = Envelopes.ascii(": subscribed");

  private final Conn conn;
  private int col;
  private boolean maybeData = true;
  private boolean maybeSubscribed = true;
  private boolean subscribed;
  private boolean error;

  private SseClient(Conn conn) {
    this.conn = conn;
  }

  static Factory factory(int httpPort) {
    return () -> new SseClient(Conn.open(httpPort));
  }

  @Override
  public void subscribe(String address) throws IOException {
    HttpChunks.request(conn, "GET", "/api/subscribe/" + address, null, null);
    HttpChunks.Head head = HttpChunks.head(conn);
    if (head.status() != 200 || !head.chunked()) {
      throw new IOException("GET /api/subscribe/" + address + " answered " + head);
    }
  }

  @Override
  public void sync() throws IOException {
    while (!subscribed) {
      if (read() < 0) {
        throw new IOException("the SSE stream ended before ': subscribed'");
      }
    }
  }

  @Override
  public byte[] publishFrame(String address, byte[] body) {
    throw new UnsupportedOperationException("SSE is subscribe-only");
  }

  @Override
  public void write(byte[] frame) {
    throw new UnsupportedOperationException("SSE is subscribe-only");
  }

  @Override
  public void flush() {
    // nothing to write
  }

  @Override
  public int read() throws IOException {
    return HttpChunks.chunk(conn, this::scan);
  }

  private int scan(byte[] b, int off, int len) {
    int count = 0;
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c == '\n') {
        col = 0;
        maybeData = true;
        maybeSubscribed = true;
        continue;
      }
      if (col < DATA.length && maybeData) {
        maybeData = c == DATA[col];
        if (maybeData && col == DATA.length - 1) {
          count++;
        }
      }
      if (col < SUBSCRIBED.length && maybeSubscribed) {
        maybeSubscribed = c == SUBSCRIBED[col];
        subscribed |= maybeSubscribed && col == SUBSCRIBED.length - 1;
      }
      if (col == 0 && c == 'e') {
        error = true; // "event: error" (slow consumer and the like)
      }
      col++;
    }
    return count;
  }

  @Override
  public boolean slowConsumer() {
    return error;
  }

  @Override
  public int localPort() {
    return conn.localPort();
  }

  @Override
  public void close() {
    conn.close();
  }
}
