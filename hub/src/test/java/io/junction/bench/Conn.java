package io.junction.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One loopback TCP connection of a benchmark client: writes go through a buffer (64 KiB for the workloads, so every
 * client batches its writes the same way against every server) and reads through a {@link ByteInput}.
 */
final class Conn implements AutoCloseable {

  static final int BUFFER = 64 * 1024;

  final Socket socket;
  final OutputStream out;
  final ByteInput in;

  private Conn(Socket socket, int bufferBytes) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.out = new BufferedOutputStream(socket.getOutputStream(), bufferBytes);
    this.in = new ByteInput(socket.getInputStream(), bufferBytes);
  }

  /** A connection with 64 KiB buffers. */
  static Conn open(int port) throws IOException {
    return open(port, BUFFER);
  }

  /** A connection with buffers of {@code bufferBytes} (small ones for the thousands of idle connections). */
  static Conn open(int port, int bufferBytes) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      return new Conn(s, bufferBytes);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  int localPort() {
    return socket.getLocalPort();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
