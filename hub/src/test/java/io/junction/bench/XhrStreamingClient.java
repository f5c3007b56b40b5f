package io.junction.bench;

import java.io.IOException;

/**
 * A subscriber over the SockJS {@code xhr_streaming} transport: {@code POST <session>/xhr_streaming} streams
 * newline-separated SockJS frames (after a 2 KiB {@code h} prelude) in a chunked response until the server has sent
 * its streaming byte limit, then the client polls again on the same session; frames to the server are separate
 * {@code POST <session>/xhr_send} requests on a second keep-alive connection. Subscribe only.
 */
final class XhrStreamingClient implements BusClient {

  private final int port;
  private final String session;
  private final SockJsFrames frames = new SockJsFrames();
  private Conn stream;
  private Conn send;
  private boolean synced;
  private boolean streamClose;

  private XhrStreamingClient(int port) {
    this.port = port;
    this.session = SockJsFrames.sessionPath("/eventbus");
  }

  static Factory factory(int httpPort) {
    return () -> {
      XhrStreamingClient c = new XhrStreamingClient(httpPort);
      try {
        c.poll();
        while (!c.frames.opened()) {
          if (c.read() < 0) {
            throw new IOException("the xhr_streaming session did not open");
          }
        }
        c.send = Conn.open(httpPort);
        return c;
      } catch (IOException e) {
        c.close();
        throw e;
      }
    };
  }

  /** Starts the next streaming request of the session, on a new connection if the last one was closed. */
  private void poll() throws IOException {
    boolean reused = stream != null && !streamClose;
    if (!reused) {
      if (stream != null) {
        stream.close();
      }
      stream = Conn.open(port);
    }
    HttpChunks.Head head;
    try {
      HttpChunks.request(stream, "POST", session + "xhr_streaming", null, null);
      head = HttpChunks.head(stream);
    } catch (IOException e) {
      if (!reused) {
        throw e;
      }
      streamClose = true; // the server closed the connection after the last stream: poll on a new one
      poll();
      return;
    }
    if (head.status() != 200 || !head.chunked()) {
      throw new IOException("xhr_streaming answered " + head);
    }
    streamClose = head.close();
  }

  private void post(byte[] json) throws IOException {
    HttpChunks.request(send, "POST", session + "xhr_send", "text/plain;charset=UTF-8", SockJsFrames.clientFrame(json));
    HttpChunks.Head head = HttpChunks.head(send);
    HttpChunks.discardBody(send, head);
    if (head.status() / 100 != 2) {
      throw new IOException("xhr_send answered " + head.status());
    }
  }

  @Override
  public void subscribe(String address) throws IOException {
    post(Envelopes.ascii(Envelopes.register(address)));
  }

  @Override
  public void sync() throws IOException {
    post(Envelopes.send("hub.echo", "bench.sync", Envelopes.ascii("{}")));
    synced = false;
    while (!synced) {
      int n = HttpChunks.chunk(stream, (b, off, len) -> {
        synced |= Envelopes.contains(b, off, len, "bench.sync");
        return frames.feed(b, off, len);
      });
      if (n < 0) {
        poll();
      }
    }
  }

  @Override
  public byte[] publishFrame(String address, byte[] body) {
    throw new UnsupportedOperationException("the xhr-streaming client only subscribes");
  }

  @Override
  public void write(byte[] frame) {
    throw new UnsupportedOperationException("the xhr-streaming client only subscribes");
  }

  @Override
  public void flush() {
    // frames are posted one request each
  }

  @Override
  public int read() throws IOException {
    int n = HttpChunks.chunk(stream, frames::feed);
    if (frames.closed()) {
      return -1;
    }
    if (n < 0) {
      poll();
      return 0;
    }
    return n;
  }

  @Override
  public boolean slowConsumer() {
    return frames.slowConsumer();
  }

  @Override
  public String closeReason() {
    return frames.closeFrame();
  }

  @Override
  public int localPort() {
    return stream.localPort();
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
    if (send != null) {
      send.close();
    }
  }
}
