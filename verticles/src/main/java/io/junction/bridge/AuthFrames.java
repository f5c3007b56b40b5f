package io.junction.bridge;

import io.junction.Addresses;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The identity addresses ({@code hub.auth.*}) as a session answers them, without the event bus: login (once per
 * connection), whoami, token refresh, and the admins' list of users. Runs on the session's event loop.
 */
final class AuthFrames {

  private static final Logger log = LoggerFactory.getLogger(AuthFrames.class);

  private AuthFrames() {
  }

  /** Handles {@code f} if it is sent to an identity address; false when it is not one. */
  static boolean handle(Session<?> s, Frame f) {
    switch (f.address) {
      case Addresses.AUTH_LOGIN:
        login(s, f);
        return true;
      case Addresses.AUTH_WHOAMI:
        s.reply(f, whoami(s));
        return true;
      case Addresses.AUTH_REFRESH:
        s.reply(f, s.refreshed(s.core().auth().refresh(loggedIn(s))).toJson());
        return true;
      case Addresses.AUTH_USERS:
        users(s, f);
        return true;
      default:
        return false;
    }
  }

  private static Principal loggedIn(Session<?> s) {
    if (s.principal() == null) {
      throw new BridgeException(ErrorCode.LOGIN_REQUIRED, "log in first (" + Addresses.AUTH_LOGIN + ")");
    }
    return s.principal();
  }

  /** Once per connection; the frames after it wait for its outcome. */
  private static void login(Session<?> s, Frame f) {
    if (s.principal() != null) {
      throw new BridgeException(ErrorCode.ALREADY_LOGGED_IN, "this connection is " + s.principal().user());
    }
    s.hold(s.core().auth().login(f.body.asJsonObject(), s.remoteHost(), s.transport()), ar -> loggedIn(s, f, ar));
  }

  /** Logs in with a token given when connecting ({@code ?token=}); a bad token closes the connection. */
  static void loginWithToken(Session<?> s, String token) {
    s.hold(s.core().auth().login(new JsonObject().put("token", token), s.remoteHost(), s.transport()), ar -> {
      if (ar.failed()) {
        s.fail(ErrorCode.AUTH_FAILED, "the token given when connecting was refused");
      } else {
        loggedIn(s, null, ar);
      }
    });
  }

  private static void loggedIn(Session<?> s, Frame f, AsyncResult<Principal> ar) {
    if (s.closing()) {
      return;
    }
    if (ar.failed()) {
      BridgeException e = ar.cause() instanceof BridgeException ? (BridgeException) ar.cause()
        : new BridgeException(ErrorCode.INTERNAL_ERROR, "the login failed: " + ar.cause().getMessage());
      s.refuse(f, e.code(), e.detail());
      return;
    }
    Principal p = ar.result();
    try {
      s.adopt(p);
    } catch (BridgeException e) {
      s.once(e.code(), e.detail());
      s.refuse(f, e.code(), e.detail());
      return;
    }
    log.debug("session {} ({} {}) is {}", s.id(), s.transport(), s.remoteAddress(), p.user());
    s.reply(f, p.toJson());
  }

  private static JsonObject whoami(Session<?> s) {
    Principal p = s.principal();
    return new JsonObject().put("user", p == null ? null : p.user())
      .put("roles", new JsonArray(p == null ? List.of() : p.roles()))
      .put("expiresAt", p == null || p.expiresAt() == 0 ? null : p.expiresAt())
      .put("client", s.id()).put("transport", s.transport()).put("node", s.core().node().name());
  }

  private static void users(Session<?> s, Frame f) {
    if (!loggedIn(s).hasRole("admin")) {
      throw new BridgeException(ErrorCode.ACCESS_DENIED, "only the admin role may list users");
    }
    s.hold(s.core().auth().listUsers(), ar -> {
      if (ar.succeeded()) {
        s.reply(f, new JsonObject().put("users", ar.result()));
      } else {
        s.refuse(f, ErrorCode.INTERNAL_ERROR, "could not read the logins: " + ar.cause().getMessage());
      }
    });
  }
}
