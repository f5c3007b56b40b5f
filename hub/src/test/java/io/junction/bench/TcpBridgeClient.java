package io.junction.bench;

import java.io.EOFException;
import java.io.IOException;

/**
 * A thin client of the Vert.x TCP event-bus bridge wire format (Junction's TCP endpoint and the stock bridge): each
 * frame a 4-byte big-endian length and that many bytes of JSON; frames are pre-encoded, written through the 64 KiB
 * buffer of {@link Conn} and read without decoding the JSON.
 */
final class TcpBridgeClient implements BusClient {

  private static final byte[] MESSAGE = Envelopes.ascii("{\"type\":\"message\"");

  private final Conn conn;
  private boolean slow;

  TcpBridgeClient(Conn conn) {
    this.conn = conn;
  }

  static Factory factory(int port) {
    return () -> new TcpBridgeClient(Conn.open(port));
  }

  static byte[] lengthPrefixed(byte[] json) {
    byte[] f = new byte[json.length + 4];
    f[0] = (byte) (json.length >>> 24);
    f[1] = (byte) (json.length >>> 16);
    f[2] = (byte) (json.length >>> 8);
    f[3] = (byte) json.length;
    System.arraycopy(json, 0, f, 4, json.length);
    return f;
  }

  @Override
  public void subscribe(String address) throws IOException {
    write(lengthPrefixed(Envelopes.ascii(Envelopes.register(address))));
    flush();
  }

  /** Pings and reads until the pong (Junction answers it after earlier registrations took effect). */
  @Override
  public void sync() throws IOException {
    write(lengthPrefixed(Envelopes.ascii(Envelopes.ping())));
    flush();
    while (next() != Envelopes.Kind.PONG) {
      // skip what came before the pong
    }
  }

  @Override
  public byte[] publishFrame(String address, byte[] body) {
    return lengthPrefixed(Envelopes.publish(address, body));
  }

  @Override
  public byte[] requestFrame(String address, byte[] body) {
    return lengthPrefixed(Envelopes.send(address, "bench.reply", body));
  }

  @Override
  public void write(byte[] frame) throws IOException {
    conn.out.write(frame);
  }

  @Override
  public void flush() throws IOException {
    conn.out.flush();
  }

  @Override
  public int read() throws IOException {
    try {
      return next() == Envelopes.Kind.MESSAGE ? 1 : 0;
    } catch (EOFException e) {
      return -1;
    }
  }

  private Envelopes.Kind next() throws IOException {
    ByteInput in = conn.in;
    int len = in.readInt();
    if (len > in.buf.length) {
      in.skip(len);
      return Envelopes.Kind.OTHER;
    }
    in.require(len);
    Envelopes.Kind k = Envelopes.kind(in.buf, in.pos, len, MESSAGE, "message");
    if (k == Envelopes.Kind.ERROR && Envelopes.contains(in.buf, in.pos, len, "slow_consumer")) {
      slow = true;
    }
    in.pos += len;
    return k;
  }

  @Override
  public boolean slowConsumer() {
    return slow;
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
