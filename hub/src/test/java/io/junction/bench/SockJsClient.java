package io.junction.bench;

import java.io.IOException;

/**
 * A client of the SockJS {@code websocket} transport (the one the official browser client uses) carrying the
 * Vert.x bridge envelopes: {@code ws://host/eventbus/<server>/<session>/websocket}; the server opens with
 * {@code o}, then sends {@code a["<json>", ...]} frames that may hold several messages, {@code h} heartbeats and
 * {@code c[code,"reason"]}; the client sends {@code ["<json>"]}.
 */
final class SockJsClient implements BusClient {

  private final WebSocket ws;
  private final SockJsFrames frames = new SockJsFrames();

  private SockJsClient(WebSocket ws) {
    this.ws = ws;
  }

  static Factory factory(int port, String base) {
    return () -> {
      WebSocket ws = WebSocket.open(port, SockJsFrames.sessionPath(base) + "websocket");
      if (ws.readMessage() < 0 || ws.len != 1 || ws.data[ws.off] != 'o') {
        ws.close();
        throw new IOException("the SockJS session did not open with an 'o' frame");
      }
      return new SockJsClient(ws);
    };
  }

  @Override
  public void subscribe(String address) throws IOException {
    ws.sendText(SockJsFrames.clientFrame(Envelopes.ascii(Envelopes.register(address))));
    flush();
  }

  /** A request to {@code hub.echo} and its reply, as in {@link EnvelopeWsClient#sync()}. */
  @Override
  public void sync() throws IOException {
    ws.sendText(SockJsFrames.clientFrame(Envelopes.send("hub.echo", "bench.sync", Envelopes.ascii("{}"))));
    flush();
    ws.readUntil("bench.sync");
  }

  @Override
  public byte[] publishFrame(String address, byte[] body) {
    return SockJsFrames.clientFrame(Envelopes.publish(address, body));
  }

  @Override
  public void write(byte[] frame) throws IOException {
    ws.sendText(frame);
  }

  @Override
  public void flush() throws IOException {
    ws.flush();
  }

  @Override
  public int read() throws IOException {
    if (ws.readMessage() < 0) {
      return -1;
    }
    frames.newFrame();
    int n = frames.feed(ws.data, ws.off, ws.len);
    return frames.closed() ? -1 : n;
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
    return ws.conn.localPort();
  }

  @Override
  public void close() {
    ws.close();
  }
}
