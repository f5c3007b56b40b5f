package io.junction.auth;

import io.junction.bridge.Authenticator;
import io.junction.bridge.BridgeException;
import io.junction.bridge.Principal;
import io.junction.bridge.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Logins, the same for every transport: by user name and password (checked against the users file, off the event
 * loop) or by token. Failures say {@code auth_failed} whatever went wrong, in the same time whether the user exists
 * or not; too many failed password logins from one address or against one user name say
 * {@code too_many_attempts}. Successful logins are recorded for admins. Thread-safe.
 */
public final class Auth implements Authenticator {

  private static final Logger log = LoggerFactory.getLogger(Auth.class);
  private static final String WRONG = "wrong user name, password or token";

  private final Vertx vertx;
  private final Users users;
  private final PasswordHasher hasher;
  private final Tokens tokens;
  private final LoginLimiter limiter;
  private final LastLogins lastLogins;

  public Auth(Vertx vertx, Users users, PasswordHasher hasher, Tokens tokens, AuthOptions options, LastLogins lastLogins) {
    this.vertx = vertx;
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.limiter = new LoginLimiter(options.maxFailedLogins(), options.failedLoginWindowSeconds() * 1000L);
    this.lastLogins = lastLogins;
  }

  /** An Auth with the default hasher, reading {@code options.usersFile()}; {@code secret} signs when none is configured. */
  public static Auth create(Vertx vertx, AuthOptions options, String secret, LastLogins lastLogins) {
    Users users = new Users(new UsersFile(Path.of(options.usersFile())));
    return new Auth(vertx, users, new PasswordHasher(), new Tokens(options.token(), secret), options, lastLogins);
  }

  /** A random HS256 secret, for a node (or cluster) without a configured one. */
  public static String randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  public Users users() {
    return users;
  }

  public Tokens tokens() {
    return tokens;
  }

  public LastLogins lastLogins() {
    return lastLogins;
  }

  @Override
  public Principal verify(String token) {
    return tokens.verify(token);
  }

  /**
   * A login: {@code {"username", "password"}} or {@code {"token"}}. The future fails with a {@link BridgeException}
   * ({@code auth_failed} or {@code too_many_attempts}).
   */
  @Override
  public Future<Principal> login(JsonObject body, String remoteHost, String transport) {
    String ipKey = "ip:" + remoteHost;
    if (body == null) {
      return Future.failedFuture(new BridgeException(ErrorCode.AUTH_FAILED, "a login is {\"username\", \"password\"} or {\"token\"}"));
    }
    Object token = body.getValue("token");
    if (token != null) {
      return tokenLogin(String.valueOf(token), remoteHost, transport);
    }
    Object name = body.getValue("username");
    Object password = body.getValue("password");
    if (!(name instanceof String) || !(password instanceof String)) {
      return Future.failedFuture(new BridgeException(ErrorCode.AUTH_FAILED, "a login is {\"username\", \"password\"} or {\"token\"}"));
    }
    String userKey = "user:" + name;
    if (limiter.blocked(ipKey) || limiter.blocked(userKey)) {
      return Future.failedFuture(new BridgeException(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed logins; wait and try again"));
    }
    return vertx.<UserRecord>executeBlocking(() -> {
      UserRecord u = users.get((String) name);
      boolean ok = u != null ? hasher.verify((String) password, u.hash()) : hasher.verifyNobody((String) password);
      return ok ? u : null;
    }, false).compose(u -> {
      if (u == null) {
        failed(ipKey);
        failed(userKey);
        log.info("failed login as {} from {} ({})", name, remoteHost, transport);
        return Future.failedFuture(new BridgeException(ErrorCode.AUTH_FAILED, WRONG));
      }
      limiter.succeeded(userKey);
      return Future.succeededFuture(succeeded(tokens.issue(u.name(), u.roles()), remoteHost, transport));
    });
  }

  /**
   * Token logins are not limited: a signature cannot be guessed, the check is cheap, and counting them would
   * block a whole office behind one address when a cluster restart voids every token its clients hold.
   */
  private Future<Principal> tokenLogin(String token, String remoteHost, String transport) {
    try {
      return Future.succeededFuture(succeeded(tokens.verify(token), remoteHost, transport));
    } catch (BridgeException e) {
      log.info("refused token from {} ({}): {}", remoteHost, transport, e.detail());
      return Future.failedFuture(new BridgeException(ErrorCode.AUTH_FAILED, WRONG));
    }
  }

  @Override
  public Principal refresh(Principal p) {
    if (!tokens.canIssue()) {
      throw new BridgeException(ErrorCode.ACCESS_DENIED, "this node has no key to issue tokens (auth.token.private_key)");
    }
    return tokens.issue(p.user(), p.roles());
  }

  /**
   * Every user of the users file, and every user who logged in with a token only, with roles (from the file) and
   * last login (time in ms, remote address, node, transport; null when never seen), sorted by name.
   */
  @Override
  public Future<JsonArray> listUsers() {
    return lastLogins.all().map(logins -> {
      java.util.TreeMap<String, JsonObject> out = new java.util.TreeMap<>();
      users.all().forEach((name, u) -> out.put(name, new JsonObject().put("user", name)
        .put("roles", new JsonArray(u.roles())).put("lastLogin", logins.get(name))));
      logins.forEach((name, last) -> out.putIfAbsent(name, new JsonObject().put("user", name)
        .put("roles", null).put("lastLogin", last)));
      return new JsonArray(new java.util.ArrayList<>(out.values()));
    });
  }

  private void failed(String key) {
    if (limiter.failed(key)) {
      log.warn("{}: too many failed logins for {}; refusing its logins for up to {} s (auth.failed_logins)",
        ErrorCode.TOO_MANY_ATTEMPTS.id(), key, limiter.windowSeconds());
    }
  }

  private Principal succeeded(Principal p, String remoteHost, String transport) {
    lastLogins.record(p.user(), remoteHost, transport);
    return p;
  }
}
