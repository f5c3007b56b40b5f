package io.junction.client;

import io.junction.auth.PasswordHasher;
import io.junction.auth.TokenOptions;
import io.junction.auth.Tokens;
import io.junction.auth.UserRecord;
import io.junction.auth.UsersFile;
import io.junction.bridge.ErrorCode;
import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logging in with the client: password or token, again after every reconnect, and what a refusal does. */
@Timeout(90)
class ClientLoginTest {

  static final String SECRET = "client-test-secret-client-test-secret";
  static final String OTHER_SECRET = "another-secret-another-secret-another";
  static final PasswordHasher HASHER = new PasswordHasher(1024, 1);

  private static Path usersFile(Path dir, String... nameRolePassword) {
    Path file = dir.resolve("users.json");
    Map<String, UserRecord> users = new LinkedHashMap<>();
    for (int i = 0; i < nameRolePassword.length; i += 3) {
      List<String> roles = nameRolePassword[i + 1].isEmpty() ? List.of() : List.of(nameRolePassword[i + 1]);
      users.put(nameRolePassword[i], new UserRecord(nameRolePassword[i], HASHER.hash(nameRolePassword[i + 2]), roles));
    }
    new UsersFile(file).write(users);
    return file;
  }

  private static EmbeddedNode node(Path dir, int port, Path users, String secret) {
    return Nodes.start(dir, port, "auth.users_file", users.toString(), "auth.token.secret", secret,
      "auth.failed_logins.max", "1000");
  }

  @Test
  void everyHubErrorHasAClientErrorId() {
    for (ErrorCode c : ErrorCode.values()) {
      assertEquals(c.code(), ErrorId.of(c.id()).code(), c.id());
    }
  }

  @Test
  void aPasswordLoginGivesTheIdentityAndTheInbox() throws Exception {
    Path dir = Nodes.tempDir();
    try (EmbeddedNode node = node(dir, 0, usersFile(dir, "dave", "ops", "dave-password", "erin", "", "erin-password"), SECRET)) {
      Recorder r = new Recorder();
      try (JunctionClient dave = JunctionClient.connect(r.options(node.tcpPort()).user("dave", "dave-password").build());
           JunctionClient erin = JunctionClient.connect(Options.builder().server("tcp://127.0.0.1:" + node.tcpPort())
             .user("erin", "erin-password").build());
           JunctionClient anonymous = JunctionClient.connect(Options.builder().server("tcp://127.0.0.1:" + node.tcpPort()).build())) {
        Identity me = dave.identity();
        assertEquals("dave", me.user());
        assertEquals(List.of("ops"), me.roles());
        assertTrue(me.expiresAt() > System.currentTimeMillis() / 1000);
        assertNull(anonymous.identity());

        dave.subscribe("user.dave", r).ready().get(10, TimeUnit.SECONDS);
        erin.publishConfirmed("user.dave", "hello dave").get(10, TimeUnit.SECONDS);
        Message m = r.nextMessage();
        assertEquals("hello dave", m.body().asText());
        assertEquals("erin", m.headers().get("junction.user"));

        ExecutionException denied = assertThrows(ExecutionException.class,
          () -> erin.subscribe("user.dave", r).ready().get(10, TimeUnit.SECONDS), "not erin's inbox");
        assertEquals(ErrorId.ACCESS_DENIED, ((JunctionException) denied.getCause()).errorId());
      }
    }
  }

  @Test
  void aRefusedLoginFailsTheConnectWithTheHubsError() {
    Path dir = Nodes.tempDir();
    try (EmbeddedNode node = node(dir, 0, usersFile(dir, "dave", "", "dave-password"), SECRET)) {
      for (Options.Builder b : Arrays.asList(
        Options.builder().user("dave", "wrong-password"),
        Options.builder().user("nobody", "wrong-password"),
        Options.builder().token("not-a-token"))) {
        JunctionException e = assertThrows(JunctionException.class,
          () -> JunctionClient.connect(b.server("tcp://127.0.0.1:" + node.tcpPort()).build()));
        assertEquals(ErrorId.AUTH_FAILED, e.errorId(), e.getMessage());
      }
    }
  }

  @Test
  void aTokenFromTheBackendLogsIn() {
    Path dir = Nodes.tempDir();
    try (EmbeddedNode node = node(dir, 0, usersFile(dir), SECRET)) {
      String token = new Tokens(new TokenOptions().setSecret(SECRET), "").issue("robot-7", List.of("robot")).token();
      try (JunctionClient c = JunctionClient.connect(Options.builder().server("tcp://127.0.0.1:" + node.tcpPort()).token(token).build())) {
        assertEquals("robot-7", c.identity().user());
        assertEquals(List.of("robot"), c.identity().roles());
      }
    }
  }

  @Test
  void afterAReconnectTheClientLogsInAgainBeforeItsSubscriptionsComeBack() throws Exception {
    Path dir = Nodes.tempDir();
    Path users = usersFile(dir, "dave", "", "dave-password");
    EmbeddedNode node = node(dir, 0, users, SECRET);
    int port = node.tcpPort();
    Recorder r = new Recorder();
    try (JunctionClient c = JunctionClient.connect(r.options(port).user("dave", "dave-password")
      .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500)).build())) {
      r.nextEvent(ConnectionEvent.Type.CONNECTED);
      c.subscribe("user.dave", r).ready().get(10, TimeUnit.SECONDS);
      String firstToken = c.identity().token();

      // the cluster restarts with another secret: the old token is refused, the password logs in
      node.close();
      r.nextError(ErrorId.SHUTTING_DOWN);
      r.nextEvent(ConnectionEvent.Type.DISCONNECTED);
      node = node(dir, port, users, OTHER_SECRET);
      r.nextEventAfterAttempts(ConnectionEvent.Type.RECONNECTED, 30);
      r.nextEvent(ConnectionEvent.Type.RESUBSCRIBED);
      assertNotNull(c.identity().token());
      assertTrue(!firstToken.equals(c.identity().token()), "a new login, a new token");
      try (JunctionClient other = JunctionClient.connect(Options.builder().server("tcp://127.0.0.1:" + port).user("dave", "dave-password").build())) {
        other.publishConfirmed("user.dave", "still mine").get(10, TimeUnit.SECONDS);
      }
      assertEquals("still mine", r.nextMessage().body().asText(), "the inbox came back, so the login came first");
      r.expectNoErrors();
    } finally {
      node.close();
    }
  }

  @Test
  void whenTheLoginIsRefusedAfterAReconnectTheClientCloses() throws Exception {
    Path dir = Nodes.tempDir();
    EmbeddedNode node = node(dir, 0, usersFile(dir, "dave", "", "dave-password"), SECRET);
    int port = node.tcpPort();
    Recorder r = new Recorder();
    try (JunctionClient c = JunctionClient.connect(r.options(port).user("dave", "dave-password")
      .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(500)).build())) {
      r.nextEvent(ConnectionEvent.Type.CONNECTED);
      node.close();
      r.nextError(ErrorId.SHUTTING_DOWN);
      r.nextEvent(ConnectionEvent.Type.DISCONNECTED);
      // dave's password changed and the secret too: neither the token nor the password logs in
      node = node(dir, port, usersFile(dir, "dave", "", "a-new-password"), OTHER_SECRET);
      r.nextError(ErrorId.AUTH_FAILED);
      ConnectionEvent closed = r.nextEventAfterAttempts(ConnectionEvent.Type.CLOSED, 30);
      assertTrue(closed.reason().contains("refused the login"), closed.reason());
      assertEquals(Status.CLOSED, c.status());
    } finally {
      node.close();
    }
  }
}
