package io.junction.bench;

import java.io.IOException;

/**
 * A client of the Vert.x SockJS bridge envelopes over a plain WebSocket (Junction's {@code /eventbus/websocket} and
 * the stock vertx-web bridge's raw WebSocket endpoint): one JSON envelope per WebSocket message, masked text frames
 * out; {@code rec} envelopes in, as text or binary frames, counted without decoding.
 */
final class EnvelopeWsClient implements BusClient {

  private static final byte[] REC = Envelopes.ascii("{\"type\":\"rec\"");

  private final WebSocket ws;
  private boolean slow;

  EnvelopeWsClient(WebSocket ws) {
    this.ws = ws;
  }

  static Factory factory(int port, String path) {
    return () -> new EnvelopeWsClient(WebSocket.open(port, path));
  }

  @Override
  public void subscribe(String address) throws IOException {
    ws.sendText(Envelopes.ascii(Envelopes.register(address)));
    flush();
  }

  /**
   * Sends a request to {@code hub.echo} and waits for its reply: this bridge has no pong, and a server that handles
   * a connection's frames in order has handled the registration before the request.
   */
  @Override
  public void sync() throws IOException {
    ws.sendText(Envelopes.send("hub.echo", "bench.sync", Envelopes.ascii("{}")));
    flush();
    ws.readUntil("bench.sync");
  }

  @Override
  public byte[] publishFrame(String address, byte[] body) {
    return Envelopes.publish(address, body);
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
    Envelopes.Kind k = Envelopes.kind(ws.data, ws.off, ws.len, REC, "rec");
    if (k == Envelopes.Kind.ERROR && Envelopes.contains(ws.data, ws.off, ws.len, "slow_consumer")) {
      slow = true;
    }
    return k == Envelopes.Kind.MESSAGE ? 1 : 0;
  }

  @Override
  public boolean slowConsumer() {
    return slow;
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
