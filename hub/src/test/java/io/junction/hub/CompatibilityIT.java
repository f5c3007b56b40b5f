package io.junction.hub;

import io.junction.auth.PasswordHasher;
import io.junction.auth.UserRecord;
import io.junction.auth.UsersFile;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Existing clients, unchanged, from npm (installed by the build into target/compat): the Node TCP client of the
 * Vert.x TCP bridge, and the official browser client with sockjs-client under Node, over every SockJS transport.
 */
@Timeout(120)
class CompatibilityIT {

  static final String SECRET = "compat-secret-compat-secret-compat-secret";

  @TempDir
  static Path dir;
  static JunctionNode node;

  @BeforeAll
  static void start() {
    Path users = dir.resolve("users.json");
    new UsersFile(users).write(Map.of("carol", new UserRecord("carol", new PasswordHasher().hash("carol-password"), List.of())));
    Map<String, String> config = Nodes.testOverrides(dir.resolve("compat"), "compat", false);
    config.put("auth.users_file", users.toString());
    config.put("auth.token.secret", SECRET);
    config.put("auth.failed_logins.max", "1000");
    node = Nodes.start(config);
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
  void theNodeTcpClientLogsInAndReadsItsInbox() throws Exception {
    String out = run("login.js", "tcp", String.valueOf(node.tcpPort()), "carol", "carol-password");
    assertTrue(out.contains("OK login-by-frame") && out.contains("OK own-inbox") && out.contains("OK wrong-password"), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket", "xhr-streaming", "xhr-polling"})
  void theBrowserClientLogsInByFrameAndByTokenInTheUrl(String transport) throws Exception {
    String token = node.auth.tokens().issue("carol", List.of()).token();
    String out = run("login.js", transport, String.valueOf(node.httpPort()), "carol", "carol-password", token);
    for (String check : new String[] {"login-by-frame", "own-inbox", "token-in-url", "wrong-password"}) {
      assertTrue(out.contains("OK " + check), out);
    }
  }

  /** The token example of docs/security.md, run as written, mints a token the node accepts. */
  @Test
  void theTokenExampleInTheSecurityDocsWorks() throws Exception {
    String doc = Files.readString(Path.of("../docs/security.md"));
    int start = doc.indexOf("```js\n") + 6;
    Path script = dir.resolve("mint.js");
    Files.writeString(script, doc.substring(start, doc.indexOf("```", start)));
    ProcessBuilder pb = new ProcessBuilder("node", script.toString()).redirectErrorStream(true);
    pb.environment().put("JUNCTION_AUTH_TOKEN_SECRET", SECRET);
    Process p = pb.start();
    String token = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), token);
    try (TcpClient c = TcpClient.connect(node.tcpPort())) {
      JsonObject me = c.loginWith(new JsonObject().put("token", token)).getJsonObject("body");
      assertEquals("robot-7", me.getString("user"), token);
      assertEquals(List.of("robot"), me.getJsonArray("roles").getList());
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
