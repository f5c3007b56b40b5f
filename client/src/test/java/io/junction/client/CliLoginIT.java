package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.auth.PasswordHasher;
import io.junction.auth.UserRecord;
import io.junction.auth.UsersFile;
import io.junction.hub.EmbeddedNode;
import io.junction.testing.TestCerts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI logged in (password, token, login command) and over TLS, against a node with users and TLS. */
@Timeout(180)
class CliLoginIT {

  static final TestCerts certs = TestCerts.get();
  static EmbeddedNode node;
  static String server;

  @BeforeAll
  static void start() {
    Path dir = Nodes.tempDir();
    Path users = dir.resolve("users.json");
    PasswordHasher hasher = new PasswordHasher(1024, 1);
    Map<String, UserRecord> u = new LinkedHashMap<>();
    u.put("alice", new UserRecord("alice", hasher.hash("alice-password"), List.of("ops")));
    u.put("bob", new UserRecord("bob", hasher.hash("bob-password"), List.of()));
    new UsersFile(users).write(u);
    node = Nodes.start(dir, 0, "auth.users_file", users.toString(), "auth.token.secret", "cli-test-secret-cli-test-secret-cli",
      "auth.failed_logins.max", "1000", "tcp.tls.enabled", "true", "tcp.tls.port", "0",
      "tcp.tls.cert_file", certs.serverCert.toString(), "tcp.tls.key_file", certs.serverKey.toString());
    server = "tcp://127.0.0.1:" + node.tcpPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Process launch(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
      System.getProperty("junction.cli.jar", "target/junction-cli.jar")));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("JUNCTION_TOKEN");
    pb.environment().remove("JUNCTION_PASSWORD");
    pb.environment().putAll(env);
    return pb.start();
  }

  static CliIT.Run run(Map<String, String> env, String stdin, String... args) throws Exception {
    Process p = launch(env, args);
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new CliIT.Run(p.exitValue(), out, err);
  }

  @Test
  void loginPrintsATokenThatOtherCommandsLogInWith() throws Exception {
    CliIT.Run login = run(Map.of("JUNCTION_PASSWORD", "alice-password"), null, "--server", server, "login", "--user", "alice");
    assertEquals(0, login.exit, login.err);
    String token = login.out.trim();
    assertEquals(3, token.split("\\.").length, "a JWT: " + token);

    CliIT.Run json = run(Map.of(), "alice-password\n", "--server", server, "--json", "login", "--user", "alice", "--password-stdin");
    JsonNode me = CliIT.JSON.readTree(json.out);
    assertEquals("alice", me.get("user").asText());
    assertEquals("ops", me.get("roles").get(0).asText());
    assertTrue(me.get("expiresAt").asLong() > System.currentTimeMillis() / 1000);

    CliIT.Run whoami = run(Map.of("JUNCTION_TOKEN", token), null, "--server", server, "req", "hub.auth.whoami", "null");
    assertEquals("alice", CliIT.JSON.readTree(whoami.out).get("user").asText(), whoami.err);
    CliIT.Run byOption = run(Map.of(), null, "--server", server, "--token", token, "req", "hub.auth.whoami", "null");
    assertEquals("alice", CliIT.JSON.readTree(byOption.out).get("user").asText(), byOption.err);
  }

  @Test
  void aLoggedInSubReadsItsInbox() throws Exception {
    Process sub = launch(Map.of("JUNCTION_PASSWORD", "alice-password"), "--server", server, "--user", "alice",
      "sub", "user.alice", "--count", "1");
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(sub.getErrorStream(), StandardCharsets.UTF_8));
      assertTrue(err.readLine().startsWith("junction: subscribed to user.alice"));
      CliIT.Run pub = run(Map.of("JUNCTION_PASSWORD", "bob-password"), null, "--server", server, "--user", "bob",
        "pub", "user.alice", "\"from bob\"");
      assertEquals(0, pub.exit, pub.err);
      assertTrue(sub.waitFor(30, TimeUnit.SECONDS));
      assertEquals("\"from bob\"\n", new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } finally {
      sub.destroyForcibly();
    }
    CliIT.Run anonymous = run(Map.of(), null, "--server", server, "sub", "user.alice", "--count", "1");
    assertEquals(3, anonymous.exit);
    assertTrue(anonymous.err.contains("access_denied"), anonymous.err);
  }

  @Test
  void refusedLoginsExit3AndMissingPasswordsExit2() throws Exception {
    CliIT.Run wrong = run(Map.of("JUNCTION_PASSWORD", "nope"), null, "--server", server, "--user", "alice", "ping");
    assertEquals(3, wrong.exit);
    assertTrue(wrong.err.startsWith("junction: auth_failed: "), wrong.err);
    CliIT.Run forged = run(Map.of(), null, "--server", server, "--token", "a.b.c", "ping");
    assertEquals(3, forged.exit);
    assertTrue(forged.err.startsWith("junction: auth_failed: "), forged.err);
    CliIT.Run noPassword = run(Map.of(), null, "--server", server, "--user", "alice", "ping");
    assertEquals(2, noPassword.exit);
    assertTrue(noPassword.err.contains("no password for alice"), noPassword.err);
    assertEquals(2, run(Map.of(), null, "--server", server, "login").exit, "login needs --user");
    assertEquals(2, run(Map.of(), null, "--user", "a", "--token", "t", "ping").exit);
  }

  @Test
  void tlsWithThePrivateCa() throws Exception {
    String tls = "localhost:" + node.tlsPort();
    CliIT.Run ok = run(Map.of(), null, "--ca", certs.ca.toString(), "--server", tls, "ping");
    assertEquals(0, ok.exit, ok.err);
    assertTrue(ok.out.startsWith("pong from tls://" + tls), ok.out);
    CliIT.Run login = run(Map.of("JUNCTION_PASSWORD", "alice-password"), null, "--tls", "--ca", certs.ca.toString(),
      "--server", "tls://" + tls, "login", "--user", "alice");
    assertEquals(0, login.exit, login.err);
    CliIT.Run untrusted = run(Map.of(), null, "--tls", "--server", tls, "--timeout", "3000", "ping");
    assertEquals(1, untrusted.exit);
    assertTrue(untrusted.err.contains("PKIX path building failed"), untrusted.err);
  }
}
