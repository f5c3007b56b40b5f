package io.junction.bridge;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Checks who a connection is, for the core. Implemented by {@code io.junction.auth.Auth}. Thread-safe. */
public interface Authenticator {

  /** Refuses every login: a node without identity (tests that do not care). */
  Authenticator NONE = new Authenticator() {
    @Override
    public Future<Principal> login(JsonObject body, String remoteHost, String transport) {
      return Future.failedFuture(new BridgeException(ErrorCode.AUTH_FAILED, "this node has no users"));
    }

    @Override
    public Principal verify(String token) {
      throw new BridgeException(ErrorCode.AUTH_FAILED, "this node has no users");
    }

    @Override
    public Principal refresh(Principal p) {
      throw new BridgeException(ErrorCode.ACCESS_DENIED, "this node cannot issue tokens");
    }

    @Override
    public Future<JsonArray> listUsers() {
      return Future.succeededFuture(new JsonArray());
    }
  };

  /**
   * A login: {@code {"username", "password"}} or {@code {"token"}}. Fails with a {@link BridgeException}
   * ({@code auth_failed}, {@code too_many_attempts}). Never blocks the caller.
   */
  Future<Principal> login(JsonObject body, String remoteHost, String transport);

  /** Checks a token. @throws BridgeException {@code auth_failed} */
  Principal verify(String token);

  /** The same principal with a new token. @throws BridgeException when this node cannot issue tokens */
  Principal refresh(Principal p);

  /** For admins: every user with roles and last login ({@code [{"user","roles","lastLogin"}]}). */
  Future<JsonArray> listUsers();
}
