package io.junction.classic;

import io.junction.testing.TestHub;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classic token-server protocol, spoken byte for byte by a plain socket client. */
@Timeout(60)
class ClassicProtocolTest {

  static TestHub hub;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    hub = TestHub.with(s -> { });
    ClassicOptions options = new ClassicOptions();
    options.setEnabled(true).setHost("127.0.0.1").setPort(0);
    hub.vertx.deployVerticle(new ClassicVerticle(hub.core, options)).await(10, TimeUnit.SECONDS);
    port = hub.core.port("classic");
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  /** A client of the original token server: writes JSON then the marker, reads up to the next marker. */
  static final class ClassicClient implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    ClassicClient() throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    }

    void write(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    JsonObject ask(String json) throws IOException {
      write(json + "<end_of_message>");
      return read();
    }

    JsonObject read() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      while (true) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("closed after " + b);
        }
        b.write(c);
        String s = b.toString(StandardCharsets.UTF_8);
        if (s.endsWith("<end_of_message>")) {
          return new JsonObject(s.substring(0, s.length() - "<end_of_message>".length()));
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aCommandIsSubmittedCheckedAndConfirmed() throws Exception {
    try (ClassicClient c = new ClassicClient()) {
      JsonObject busy = c.ask("{\"command\":\"say_hi\",\"token\":\"classic-1\"}");
      assertEquals(new JsonObject().put("token", "classic-1").put("status", "busy").put("finished", false).putNull("response"), busy);
      JsonObject status = busy;
      for (int i = 0; i < 500 && !status.getBoolean("finished"); i++) {
        status = c.ask("{\"command\":\"check_status\",\"token\":\"classic-1\"}");
      }
      assertEquals(new JsonObject().put("token", "classic-1").put("status", "success").put("finished", true)
        .put("response", new JsonObject().put("message", "Hi!")), status);
      JsonObject confirmed = c.ask("{\"command\":\"confirm\",\"token\":\"classic-1\"}");
      assertEquals("confirmed", confirmed.getString("status"));
      assertEquals("unknown_token", c.ask("{\"command\":\"check_status\",\"token\":\"classic-1\"}").getString("status"));
    }
  }

  @Test
  void unknownCommandsAreBadCommandAndBadBytesGetTheirError() throws Exception {
    try (ClassicClient c = new ClassicClient()) {
      assertEquals(new JsonObject().put("status", "bad_command"), c.ask("{\"command\":\"launch_rocket\",\"token\":\"x\"}"));
      assertEquals(new JsonObject().put("status", "bad_command"), c.ask("{\"token\":\"no command\"}"));
      assertEquals("invalid_json", c.ask("this is not json").getString("status"));
      assertEquals("busy", c.ask("{\"command\":\"echo\",\"token\":\"still-works\",\"args\":{\"a\":1}}").getString("status"));
    }
  }

  @Test
  void aMessageOverTheFrameLimitGetsItsErrorAndTheConnectionCloses() throws Exception {
    try (ClassicClient c = new ClassicClient()) {
      c.write("{\"command\":\"echo\",\"args\":{\"x\":\"" + "x".repeat(70_000));
      assertEquals(new JsonObject().put("status", "frame_too_large"), c.read());
      c.socket.setSoTimeout(5000);
      assertEquals(-1, c.in.read(), "closed: the rest of the stream cannot be framed");
    }
    try (ClassicClient other = new ClassicClient()) {
      assertEquals("busy", other.ask("{\"command\":\"say_hi\"}").getString("status"), "other clients go on");
    }
  }

  @Test
  void messagesMaySpanWritesAndShareThem() throws Exception {
    try (ClassicClient c = new ClassicClient()) {
      c.write("{\"command\":\"say_bye\",");
      c.write("\"token\":\"split-1\"}<end_of");
      c.write("_message>{\"command\":\"say_hi\",\"token\":\"split-2\"}<end_of_message>");
      assertEquals("split-1", c.read().getString("token"));
      assertEquals("split-2", c.read().getString("token"));
      JsonObject again = c.ask("{\"command\":\"say_bye\",\"token\":\"split-1\"}");
      assertTrue(again.getString("status").equals("busy") || again.getString("status").equals("success"), "the same job: " + again);
    }
  }
}
