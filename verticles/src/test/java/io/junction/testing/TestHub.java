package io.junction.testing;

import io.junction.auth.Auth;
import io.junction.auth.AuthOptions;
import io.junction.auth.LastLogins;
import io.junction.auth.PasswordHasher;
import io.junction.auth.TokenOptions;
import io.junction.auth.UserRecord;
import io.junction.auth.Users;
import io.junction.auth.UsersFile;
import io.junction.bridge.AccessPolicy;
import io.junction.bridge.AccessRule;
import io.junction.bridge.BridgeCore;
import io.junction.bridge.Limits;
import io.junction.bridge.LocalNode;
import io.junction.bridge.NodeState;
import io.junction.echo.EchoVerticle;
import io.junction.http.HttpOptions;
import io.junction.scope.ScopeRule;
import io.junction.scope.ScopeRules;
import io.junction.scope.Scopes;
import io.junction.http.HttpVerticle;
import io.junction.tcp.TcpBridgeVerticle;
import io.junction.tcp.TcpOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A standalone node in the test's JVM: real TCP and HTTP servers on free ports, the default access policy of
 * conf/hub.json plus {@code test.open.*} for anonymous connections, and three users in a users file of its own
 * ({@link #USERS}: alice and bob, and root with the role admin; each one's password is its name + "-password").
 * Tokens are HS256 with {@link #SECRET}, so tests can mint their own.
 */
public final class TestHub implements AutoCloseable {

  /** A token secret tests share with their hub, to mint tokens as a backend would. */
  public static final String SECRET = "test-secret-test-secret-test-secret-0123456789";
  public static final List<String> USERS = List.of("alice", "bob", "root");
  /** Argon2id made cheap: tests check behaviour, not the cost of a guess. */
  public static final PasswordHasher HASHER = new PasswordHasher(1024, 1);

  /** The default rules of conf/hub.json, and test.open.* for tests that need a second open address space. */
  public static final AccessPolicy POLICY = policy(
    List.of(AccessRule.regex("test\\.open\\..+")),
    List.of(AccessRule.address("hub.echo"), AccessRule.regex("client\\..+"), AccessRule.regex("test\\.open\\..+")),
    List.of(AccessRule.regex("test\\.open\\..+")));

  public final Vertx vertx;
  public final BridgeCore core;
  public final LocalNode node;
  public final Auth auth;
  public final Path usersFile;

  private final io.junction.job.JobStore store;

  private TestHub(Vertx vertx, BridgeCore core, LocalNode node, Auth auth, Path usersFile, io.junction.job.JobStore store) {
    this.store = store;
    this.vertx = vertx;
    this.core = core;
    this.node = node;
    this.auth = auth;
    this.usersFile = usersFile;
  }

  /** A policy with {@code anonymous} rules and the roles of conf/hub.json (user: inboxes; admin: everything). */
  public static AccessPolicy policy(List<AccessRule> publish, List<AccessRule> send, List<AccessRule> subscribe) {
    Map<String, AccessPolicy.Rules> roles = new LinkedHashMap<>();
    List<AccessRule> inboxes = List.of(AccessRule.regex("user\\..+"));
    roles.put("user", new AccessPolicy.Rules(inboxes, inboxes,
      List.of(AccessRule.address("user.{user}"))));
    List<AccessRule> all = List.of(AccessRule.regex(".*"));
    roles.put("admin", new AccessPolicy.Rules(all, all, all));
    return new AccessPolicy(new AccessPolicy.Rules(publish, send, subscribe), roles);
  }

  /** What a test hub is made of; change what the test is about and keep the rest. */
  public static final class Setup {
    public final Limits limits = new Limits();
    public AccessPolicy policy = POLICY;
    public final HttpOptions http = new HttpOptions();
    public final TcpOptions tcp = new TcpOptions();
    /**
     * An open lobby, as in conf/hub.json but without history (tests of history set their own), and logged-in users
     * elsewhere.
     */
    public ScopeRules scopes = new ScopeRules(ScopeRule.defaults(), Map.of("lobby", ScopeRule.open(0)));
    /** Where members are kept: in memory unless a test gives another store. */
    public io.junction.scope.PresenceStore presence = new io.junction.scope.LocalPresence();
    /** Built-in commands with the default limits; tests of limits set their own. */
    public io.junction.job.JobSettings jobs = io.junction.job.JobSettings.defaults();
    public List<io.junction.job.JobHandler> jobHandlers = io.junction.job.BuiltInJobs.all();
    /** A shared hub's tests log in wrong on purpose many times; tests of the limit set it lower. */
    public final AuthOptions auth = new AuthOptions().setMaxFailedLogins(1000)
      .setToken(new TokenOptions().setSecret(SECRET));

    Setup() {
      http.setPort(0).setHost("127.0.0.1");
      http.setSseHeartbeatSeconds(1);
      tcp.setPort(0).setHost("127.0.0.1");
      tcp.setInstances(2);
    }
  }

  public static TestHub start() {
    return with(s -> { });
  }

  public static TestHub start(Consumer<Limits> limits) {
    return with(s -> limits.accept(s.limits));
  }

  public static TestHub start(Consumer<Limits> limits, AccessPolicy policy) {
    return with(s -> {
      limits.accept(s.limits);
      s.policy = policy;
    });
  }

  public static TestHub with(Consumer<Setup> setup) {
    Setup s = new Setup();
    setup.accept(s);
    Path users = writeUsers();
    Vertx vertx = Vertx.vertx();
    LocalNode node = new LocalNode("test");
    Auth auth = new Auth(vertx, new Users(new UsersFile(users)), HASHER, new io.junction.auth.Tokens(s.auth.token(), ""),
      s.auth, new LastLogins(vertx, node.name()));
    io.junction.job.JobStore store;
    try {
      store = io.junction.job.JobStore.open(Files.createTempDirectory("junction-jobs").resolve("jobs.db"));
    } catch (Exception e) {
      vertx.close();
      throw new AssertionError("no job store", e);
    }
    io.junction.job.JobService jobs = new io.junction.job.JobService(vertx, store, s.jobs, s.jobHandlers);
    BridgeCore core = new BridgeCore(vertx, s.limits, s.policy, node, auth, new Scopes(vertx.eventBus(), s.scopes, s.presence, new io.junction.scope.LocalHistory()), jobs);
    try {
      jobs.start().await(10, TimeUnit.SECONDS);
      vertx.deployVerticle(new EchoVerticle(core)).await(10, TimeUnit.SECONDS);
      vertx.deployVerticle(() -> new HttpVerticle(core, s.http), new DeploymentOptions().setInstances(s.http.effectiveInstances()))
        .await(10, TimeUnit.SECONDS);
      vertx.deployVerticle(() -> new TcpBridgeVerticle(core, s.tcp), new DeploymentOptions().setInstances(s.tcp.effectiveInstances()))
        .await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new AssertionError("test hub did not start", e);
    }
    auth.users().watch(vertx);
    node.setState(NodeState.UP);
    return new TestHub(vertx, core, node, auth, users, store);
  }

  private static Path writeUsers() {
    try {
      Path dir = Files.createTempDirectory("junction-users");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("users.json");
      Map<String, UserRecord> users = new LinkedHashMap<>();
      for (String name : USERS) {
        users.put(name, new UserRecord(name, HASHER.hash(password(name)), name.equals("root") ? List.of("admin") : List.of()));
      }
      new UsersFile(file).write(users);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The password of a test user. */
  public static String password(String user) {
    return user + "-password";
  }

  /** A token for {@code user} with {@code roles}, signed by this hub's key. */
  public String token(String user, String... roles) {
    return auth.tokens().issue(user, List.of(roles)).token();
  }

  public int tcpPort() {
    return core.port("tcp");
  }

  public int httpPort() {
    return core.port("http");
  }

  /** The port of {@code endpoint}: tcp, tcp_tls, http or https; -1 when it does not listen. */
  public int port(String endpoint) {
    return core.port(endpoint);
  }

  public TcpClient tcp() {
    return TcpClient.connect(tcpPort());
  }

  public WsClient ws() {
    return WsClient.connect(httpPort());
  }

  public Http http() {
    return new Http(httpPort());
  }

  @Override
  public void close() {
    try {
      core.jobs().close();
      store.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
