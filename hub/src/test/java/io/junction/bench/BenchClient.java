package io.junction.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A thin client of the TCP bridge wire format for benchmarks: frames are written through a 64 KiB buffer (so the
 * client batches its writes the same way against every server) and read without decoding the JSON.
 */
final class BenchClient implements AutoCloseable {

  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;

  BenchClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
  }

  void frame(String json) throws IOException {
    frame(json.getBytes(StandardCharsets.UTF_8));
  }

  void frame(byte[] json) throws IOException {
    out.writeInt(json.length);
    out.write(json);
  }

  void flush() throws IOException {
    out.flush();
  }

  void register(String address) throws IOException {
    frame("{\"type\":\"register\",\"address\":\"" + address + "\"}");
  }

  /** Pings and reads frames until the pong (Junction answers it after earlier registrations took effect). */
  void sync() throws IOException {
    frame("{\"type\":\"ping\"}");
    flush();
    while (!readText().contains("\"pong\"")) {
      // skip anything before the pong
    }
  }

  /** Reads one frame and throws its bytes away; returns its length. */
  int skipFrame() throws IOException {
    int len = in.readInt();
    in.skipNBytes(len);
    return len;
  }

  String readText() throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
