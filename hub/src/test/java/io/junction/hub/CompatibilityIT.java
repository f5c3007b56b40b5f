package io.junction.hub;

import io.junction.testing.Http;
import io.junction.testing.TcpClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Existing clients, unchanged, from npm (installed by the build into target/compat): the Node TCP client of the
 * Vert.x TCP bridge, and the official browser client with sockjs-client under Node, over every SockJS transport.
 */
@Timeout(120)
class CompatibilityIT {

  @TempDir
  static Path dir;
  static JunctionNode node;

  @BeforeAll
  static void start() {
    node = Nodes.start(dir.resolve("compat"), "compat", false);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
  }

  static Path scripts() {
    Path d = Path.of(System.getProperty("junction.compat.dir", "target/compat"));
    assertTrue(Files.isDirectory(d.resolve("node_modules")), "run through Maven: npm ci installs the clients into " + d);
    return d;
  }

  static Process node(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("node"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(scripts().toFile()).redirectErrorStream(true).start();
  }

  /** Runs a check script to its end; asserts it passed and returns its output. */
  static String run(String... args) throws Exception {
    Process p = node(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void theNodeTcpClientWorksUnchanged() throws Exception {
    String out = run("tcp.js", String.valueOf(node.tcpPort()));
    for (String check : new String[] {"publish-subscribe", "request-reply", "answer-a-request", "no-handlers", "access-denied"}) {
      assertTrue(out.contains("OK " + check), out);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "xhr-streaming", "xhr-polling"})
  void theBrowserClientWorksUnchangedOverEverySockJsTransport(String transport) throws Exception {
    String out = run("sockjs.js", String.valueOf(node.httpPort()), transport);
    for (String check : new String[] {"publish-subscribe", "request-reply", "answer-a-request", "no-handlers", "access-denied"}) {
      assertTrue(out.contains("OK " + check), out);
    }
  }

  @Test
  void aMessageCrossesTcpSockJsAndSseAndComesBackOverHttp() throws Exception {
    Process relay = node("sockjs.js", String.valueOf(node.httpPort()), "websocket", "relay");
    try (BufferedReader relayOut = new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
         Http.Sse sse = new Http(node.httpPort()).subscribe("scope.lobby.chain.out");
         TcpClient tcp = TcpClient.connect(node.tcpPort())) {
      assertEquals("READY", relayOut.readLine());
      sse.nextLine(": subscribed");
      tcp.register("scope.lobby.chain.out").sync();

      tcp.publish("scope.lobby.chain.in", new JsonObject().put("n", 1));
      JsonObject expected = new JsonObject().put("n", 1).put("via", "sockjs");
      assertEquals(expected, sse.nextEvent().getJsonObject("body"));
      assertEquals(expected, tcp.next().getJsonObject("body"));

      assertEquals(202, new Http(node.httpPort()).post("/api/publish/scope.lobby.chain.in", "{\"n\":2}").statusCode());
      JsonObject back = new JsonObject().put("n", 2).put("via", "sockjs");
      assertEquals(back, tcp.next().getJsonObject("body"));
      assertEquals(back, sse.nextEvent().getJsonObject("body"));
    } finally {
      relay.destroyForcibly();
    }
  }
}
