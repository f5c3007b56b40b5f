package io.junction.hub;

import io.junction.testing.Await;
import io.junction.testing.TcpClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The users command as an operator runs it, from the jar, against a node running from the jar: added users can
 * log in within seconds, changed passwords and removed users stop working, without a restart.
 */
@Timeout(180)
class UsersCommandIT {

  @TempDir
  Path dir;

  /** {@code java -jar junction-hub.jar users ARGS} with {@code stdin}; exit code and output. */
  private String[] users(String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-jar", NodeProcess.jar().toString(), "users"));
    cmd.addAll(List.of(args));
    cmd.add("--users-file");
    cmd.add(dir.resolve("users.json").toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new String[] {String.valueOf(p.exitValue()), out};
  }

  private static boolean canLogIn(int port, String user, String password) {
    try (TcpClient c = TcpClient.connect(port)) {
      JsonObject reply = c.login(user, password);
      return reply.getJsonObject("body") != null && user.equals(reply.getJsonObject("body").getString("user"));
    }
  }

  @Test
  void usersAddedChangedAndRemovedWhileTheNodeRunsTakeEffectWithoutARestart() throws Exception {
    String[] added = users("alice-password\n", "add", "alice", "--role", "admin", "--password-stdin");
    assertEquals("0", added[0], added[1]);
    String file = Files.readString(dir.resolve("users.json"));
    assertTrue(file.contains("$argon2id$v=19$m=19456,t=2,p=1$"), file);
    assertFalse(file.contains("alice-password"), "never the password itself");

    try (NodeProcess node = NodeProcess.start(List.of("-Djunction.auth.users_file=" + dir.resolve("users.json"),
      "-Djunction.auth.token.secret=an-operator-secret-of-at-least-32-bytes",
      // this test tries logins that must fail until the file changes; the failed-login limit has tests of its own
      "-Djunction.auth.failed_logins.max=1000"), "users-node", dir.resolve("data"), "--standalone")) {
      int port = node.tcpPort;
      assertTrue(canLogIn(port, "alice", "alice-password"));
      assertFalse(canLogIn(port, "bob", "bob-password-1"));

      assertEquals("0", users("bob-password-1\n", "add", "bob", "--password-stdin")[0]);
      assertTrue(Await.until(() -> canLogIn(port, "bob", "bob-password-1"), 15_000), "the node picked up the new user");
      node.awaitLine("reloaded: 2 users", 10);

      assertEquals("0", users("bob-password-2\n", "passwd", "bob", "--password-stdin")[0]);
      assertTrue(Await.until(() -> canLogIn(port, "bob", "bob-password-2"), 15_000), "the new password works");
      assertFalse(canLogIn(port, "bob", "bob-password-1"), "the old one does not");

      assertEquals("0", users(null, "remove", "bob")[0]);
      assertTrue(Await.until(() -> !canLogIn(port, "bob", "bob-password-2"), 15_000), "a removed user cannot log in");
      assertTrue(canLogIn(port, "alice", "alice-password"));
    }
    String[] list = users(null, "list");
    assertEquals("0", list[0]);
    assertEquals("alice  roles: admin\n", list[1]);
  }

  @Test
  void badUseSaysWhatIsWrong() throws Exception {
    String[] shortPassword = users("short\n", "add", "carol", "--password-stdin");
    assertEquals("2", shortPassword[0]);
    assertTrue(shortPassword[1].contains("a password needs at least 8 characters"), shortPassword[1]);
    String[] noTerminal = users(null, "add", "carol");
    assertEquals("2", noTerminal[0]);
    assertTrue(noTerminal[1].contains("no terminal to ask for the password; use --password-stdin"), noTerminal[1]);
    String[] badName = users(null, "remove", "carol smith");
    assertEquals("2", badName[0]);
    String[] unknown = users(null, "remove", "carol");
    assertEquals("1", unknown[0]);
    assertTrue(unknown[1].contains("no user carol in"), unknown[1]);
    assertFalse(Files.exists(dir.resolve("users.json")), "nothing was written");
  }
}
