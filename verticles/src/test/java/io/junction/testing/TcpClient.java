package io.junction.testing;

import io.vertx.core.json.JsonObject;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A TCP bridge client on plain JDK sockets (independent of the hub's Vert.x code), for tests: frames received are
 * queued; {@link #next()} waits for one. {@link #sync()} pings and waits for the pong, which the hub answers only
 * after every earlier frame (registrations included) took effect.
 */
public final class TcpClient implements AutoCloseable {

  private static final JsonObject CLOSED = new JsonObject().put("type", "<closed>");

  private final Socket socket;
  private final DataOutputStream out;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private volatile boolean closed;

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
      closed = true;
      frames.add(CLOSED);
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
    try {
      JsonObject f = frames.poll(timeoutMs, TimeUnit.MILLISECONDS);
      assertNotNull(f, "no frame within " + timeoutMs + " ms");
      if (f == CLOSED) {
        frames.add(CLOSED);
        fail("the connection closed while a frame was expected");
      }
      return f;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next error frame; asserts its id in both the stock field and ours. */
  public JsonObject nextError(String id) {
    JsonObject f = next();
    assertEquals("err", f.getString("type"), () -> "expected an error frame, got " + f);
    assertEquals(id, f.getString("message"), () -> "frame " + f);
    assertEquals(id, f.getString("error"), () -> "frame " + f);
    return f;
  }

  /** Asserts that no frame arrives within {@code ms}. */
  public void expectNothing(long ms) {
    try {
      JsonObject f = frames.poll(ms, TimeUnit.MILLISECONDS);
      assertNull(f, () -> "unexpected frame " + f);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits until the server closed the connection (after any frames still queued). */
  public boolean awaitClosed(long ms) {
    long deadline = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < deadline) {
      if (closed) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    return closed;
  }

  public boolean isClosed() {
    return closed;
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
