package io.junction.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A thin client of the NATS text protocol, over TCP or over WebSocket (the same protocol inside binary frames):
 * {@code CONNECT {"verbose":false,"pedantic":false}}, {@code SUB subject sid}, {@code PUB subject n} and the payload,
 * {@code PING}/{@code PONG} to sync. Writes go through a 64 KiB buffer like every other benchmark client; a
 * {@code MSG} is counted by skipping its payload.
 */
final class NatsClient implements BusClient {

  private final ByteInput in;
  private final OutputStream out;
  private final AutoCloseable connection;
  private final int localPort;
  private int sids;
  private int pongs;
  private boolean slow;
  private boolean captureReply;
  private String lastReply;

  private NatsClient(ByteInput in, OutputStream out, AutoCloseable connection, int localPort) throws IOException {
    this.in = in;
    this.out = out;
    this.connection = connection;
    this.localPort = localPort;
    out.write(Envelopes.ascii("CONNECT {\"verbose\":false,\"pedantic\":false}\r\n"));
  }

  static NatsClient tcp(int port) throws IOException {
    Conn c = Conn.open(port);
    return new NatsClient(c.in, c.out, c, c.localPort());
  }

  static NatsClient webSocket(int port) throws IOException {
    WebSocket ws = WebSocket.open(port, "/");
    WsStreams s = new WsStreams(ws);
    return new NatsClient(new ByteInput(s.input, Conn.BUFFER), s.output, ws, ws.conn.localPort());
  }

  @Override
  public void subscribe(String subject) throws IOException {
    out.write(Envelopes.ascii("SUB " + subject + " " + (++sids) + "\r\n"));
    flush();
  }

  @Override
  public void sync() throws IOException {
    int before = pongs;
    out.write(Envelopes.ascii("PING\r\n"));
    flush();
    while (pongs == before) {
      if (read() < 0) {
        throw new IOException("NATS closed the connection before its PONG");
      }
    }
  }

  @Override
  public byte[] publishFrame(String subject, byte[] body) {
    return Envelopes.concat("PUB " + subject + " " + body.length + "\r\n", body, "\r\n");
  }

  @Override
  public byte[] requestFrame(String subject, byte[] body) {
    return Envelopes.concat("PUB " + subject + " _INBOX.bench " + body.length + "\r\n", body, "\r\n");
  }

  /** Keeps the reply subject of each {@code MSG} (for a responder), at the cost of decoding its line. */
  void captureReplies() {
    captureReply = true;
  }

  String lastReply() {
    return lastReply;
  }

  @Override
  public void write(byte[] frame) throws IOException {
    out.write(frame);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public int read() throws IOException {
    try {
      int end = in.lineEnd();
      if (in.buf[in.pos] == 'M') {
        int i = end - 1;
        if (in.buf[i] == '\r') {
          i--;
        }
        int size = 0;
        int scale = 1;
        for (; in.buf[i] >= '0' && in.buf[i] <= '9'; i--, scale *= 10) {
          size += (in.buf[i] - '0') * scale;
        }
        if (captureReply) {
          String[] f = new String(in.buf, in.pos, end - in.pos, StandardCharsets.ISO_8859_1).trim().split(" ");
          lastReply = f.length == 5 ? f[3] : null;
        }
        in.pos = end + 1;
        in.skip(size + 2L);
        return 1;
      }
      String line = in.readLine();
      if (line.startsWith("PING")) {
        out.write(Envelopes.ascii("PONG\r\n"));
        flush();
      } else if (line.startsWith("PONG")) {
        pongs++;
      } else if (line.startsWith("-ERR")) {
        slow |= line.toLowerCase(java.util.Locale.ROOT).contains("slow consumer");
      }
      return 0;
    } catch (EOFException e) {
      return -1;
    }
  }

  @Override
  public boolean slowConsumer() {
    return slow;
  }

  @Override
  public int localPort() {
    return localPort;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
