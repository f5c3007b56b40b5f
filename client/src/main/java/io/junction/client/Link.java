package io.junction.client;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to one server: the socket, its reader thread, and the pings it owes answers to. A link is used
 * once; after it fails the client opens another.
 */
final class Link {

  /** Frames longer than this from a server are a broken stream, not a message. */
  private static final int MAX_INCOMING = 64 * 1024 * 1024;

  final URI server;
  final Socket socket;
  final OutputStream out;
  private final DataInputStream in;
  /** Pings sent and not yet answered, in order; a user's ping carries its future, the client's own none. */
  private final ArrayDeque<CompletableFuture<Long>> pings = new ArrayDeque<>();
  private final ArrayDeque<Long> pingTimes = new ArrayDeque<>();

  private Link(URI server, Socket socket) throws IOException {
    this.server = server;
    this.socket = socket;
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
  }

  static Link open(URI server, Options options) throws IOException {
    int timeout = (int) options.connectTimeout().toMillis();
    Socket s;
    if ("tls".equals(server.getScheme())) {
      SSLContext ctx;
      try {
        ctx = options.sslContext() != null ? options.sslContext() : SSLContext.getDefault();
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IOException("no TLS support: " + e.getMessage(), e);
      }
      Socket plain = SocketFactory.getDefault().createSocket();
      plain.connect(new InetSocketAddress(server.getHost(), server.getPort()), timeout);
      SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, server.getHost(), server.getPort(), true);
      SSLParameters params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
      tls.setSoTimeout(timeout);
      tls.startHandshake();
      s = tls;
    } else {
      s = new Socket();
      s.connect(new InetSocketAddress(server.getHost(), server.getPort()), timeout);
    }
    s.setTcpNoDelay(true);
    s.setKeepAlive(true);
    Link link = new Link(server, s);
    link.handshake(timeout);
    s.setSoTimeout(0);
    return link;
  }

  /**
   * The connection counts only once the hub answered a ping: a node that is starting or stopping takes the TCP
   * connection but refuses the session with an error frame, and that attempt must fail, not report a connection.
   */
  private void handshake(int timeoutMs) throws IOException {
    try {
      Frames.Incoming f = exchange(Frames.PING, timeoutMs);
      if ("err".equals(f.type)) {
        throw new IOException("the server refused the connection: " + f.toException().getMessage());
      }
      if (!"pong".equals(f.type)) {
        throw new IOException("the server did not answer the first ping (got a " + f.type + " frame)");
      }
    } catch (IOException e) {
      close();
      throw e instanceof EOFException ? new IOException("the server closed the connection at once", e) : e;
    }
  }

  /**
   * Writes {@code frame} and reads the frame that answers it, waiting up to {@code timeoutMs}: for the steps
   * before the reader thread starts (the first ping, the login), when nothing else can arrive.
   */
  Frames.Incoming exchange(byte[] frame, int timeoutMs) throws IOException {
    socket.setSoTimeout(timeoutMs);
    out.write(frame);
    out.flush();
    int len = in.readInt();
    if (len < 0 || len > MAX_INCOMING) {
      throw new IOException("the server sent a frame length of " + len);
    }
    byte[] answer = new byte[len];
    in.readFully(answer);
    Frames.Incoming f = Frames.decode(answer);
    socket.setSoTimeout(0);
    return f;
  }

  /** Starts the reader thread: every frame goes to {@code client.received}, the end of the stream to linkLost. */
  void startReader(JunctionClient client) {
    Thread t = new Thread(() -> read(client), "junction-reader " + server.getHost() + ":" + server.getPort());
    t.setDaemon(true);
    t.start();
  }

  private void read(JunctionClient client) {
    String reason;
    try {
      while (true) {
        int len = in.readInt();
        if (len < 0 || len > MAX_INCOMING) {
          reason = "the server sent a frame length of " + len;
          break;
        }
        byte[] frame = new byte[len];
        in.readFully(frame);
        client.received(this, Frames.decode(frame));
      }
    } catch (EOFException e) {
      reason = "the server closed the connection";
    } catch (IOException e) {
      reason = "read failed: " + e.getMessage();
    }
    client.linkLost(this, reason);
  }

  /** Records a ping about to be sent; {@code answer} (may be null) gets the round trip in nanoseconds. */
  synchronized void pingSent(CompletableFuture<Long> answer) {
    pings.add(answer == null ? new CompletableFuture<>() : answer);
    pingTimes.add(System.nanoTime());
  }

  /** A pong arrived: it answers the oldest ping. */
  synchronized void pongReceived() {
    CompletableFuture<Long> f = pings.poll();
    Long sent = pingTimes.poll();
    if (f != null && sent != null) {
      f.complete(System.nanoTime() - sent);
    }
  }

  synchronized int pingsOut() {
    return pings.size();
  }

  /** Fails the pings still waiting (the link is gone). */
  synchronized void failPings(JunctionException e) {
    for (CompletableFuture<Long> f : pings) {
      f.completeExceptionally(e);
    }
    pings.clear();
    pingTimes.clear();
  }

  void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
