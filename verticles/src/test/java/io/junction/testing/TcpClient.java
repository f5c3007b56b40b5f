package io.junction.testing;

import io.vertx.core.json.JsonObject;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A TCP bridge client on plain JDK sockets (independent of the hub's Vert.x code), for tests: frames received are
 * queued; {@link #next()} waits for one. {@link #sync()} pings and waits for the pong, which the hub answers only
 * after every earlier frame (registrations included) took effect.
 */
public final class TcpClient implements AutoCloseable {

  private final Socket socket;
  private final DataOutputStream out;
  private final FrameQueue frames = new FrameQueue("message");

  private TcpClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = new DataOutputStream(socket.getOutputStream());
    Thread reader = new Thread(this::read, "tcp-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  public static TcpClient connect(int port) {
    try {
      Socket s = new Socket("127.0.0.1", port);
      s.setTcpNoDelay(true);
      return new TcpClient(s);
    } catch (IOException e) {
      throw new AssertionError("cannot connect to port " + port, e);
    }
  }

  /** A TLS connection to {@code localhost} (the name in the test server certificate), handshake done. */
  public static TcpClient tls(int port, SSLContext context) throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("localhost", port);
    SSLParameters params = s.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(params);
    s.setTcpNoDelay(true);
    s.startHandshake();
    return new TcpClient(s);
  }

  /** Sends a login ({@code {"username","password"}}) to hub.auth.login and returns the frame that answers it. */
  public JsonObject login(String user, String password) {
    return loginWith(new JsonObject().put("username", user).put("password", password));
  }

  /** Sends {@code body} to hub.auth.login and returns the frame that answers it. */
  public JsonObject loginWith(JsonObject body) {
    request("hub.auth.login", body, "login-reply");
    return next();
  }

  private void read() {
    try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
      while (true) {
        int len = in.readInt();
        byte[] b = new byte[len];
        in.readFully(b);
        frames.add(new JsonObject(new String(b, StandardCharsets.UTF_8)));
      }
    } catch (EOFException | java.net.SocketException e) {
      // closed
    } catch (IOException e) {
      // closed
    } finally {
      frames.end();
    }
  }

  public TcpClient send(JsonObject frame) {
    return raw(frame.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code json} as one frame, whatever it contains. */
  public TcpClient raw(String json) {
    return raw(json.getBytes(StandardCharsets.UTF_8));
  }

  public TcpClient raw(byte[] json) {
    return rawWithLength(json.length, json);
  }

  /** Sends a length header and bytes that need not agree. */
  public synchronized TcpClient rawWithLength(int length, byte[] bytes) {
    try {
      out.writeInt(length);
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new AssertionError("write failed", e);
    }
    return this;
  }

  public TcpClient register(String address) {
    return send(new JsonObject().put("type", "register").put("address", address));
  }

  public TcpClient unregister(String address) {
    return send(new JsonObject().put("type", "unregister").put("address", address));
  }

  public TcpClient publish(String address, Object body) {
    return send(new JsonObject().put("type", "publish").put("address", address).put("body", body));
  }

  public TcpClient request(String address, Object body, String replyAddress) {
    return send(new JsonObject().put("type", "send").put("address", address).put("body", body).put("replyAddress", replyAddress));
  }

  public TcpClient ping() {
    return send(new JsonObject().put("type", "ping"));
  }

  /** Pings and waits for the pong; fails on any other frame in between. */
  public TcpClient sync() {
    ping();
    assertEquals("pong", next().getString("type"));
    return this;
  }

  /** The next frame, waiting up to 10 s. */
  public JsonObject next() {
    return next(10_000);
  }

  public JsonObject next(long timeoutMs) {
    return frames.next(timeoutMs);
  }

  /** The next error frame; asserts its id in both the stock field and ours. */
  public JsonObject nextError(String id) {
    return frames.nextError(id);
  }

  /** Asserts that no frame arrives within {@code ms}. */
  public void expectNothing(long ms) {
    frames.expectNothing(ms);
  }

  /** Waits until the server closed the connection (after any frames still queued). */
  public boolean awaitClosed(long ms) {
    return Await.until(frames::ended, ms);
  }

  public boolean isClosed() {
    return frames.ended();
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
