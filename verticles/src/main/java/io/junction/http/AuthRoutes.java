package io.junction.http;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.Payload;
import io.junction.bridge.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Identity over HTTP: {@code POST /api/login} ({@code {"username","password"}} or {@code {"token"}} → the token),
 * {@code GET /api/whoami}, {@code POST /api/refresh} (a new token for the bearer's) and, for the admin role,
 * {@code GET /api/admin/users} (every user with roles and last login).
 */
final class AuthRoutes {

  private final BridgeCore core;

  AuthRoutes(BridgeCore core) {
    this.core = core;
  }

  /** Mounts the routes that need the bearer read ({@link Identity#read} runs before them). */
  void mount(Router router) {
    router.get("/api/whoami").handler(this::whoami);
    router.route("/api/whoami").handler(HttpVerticle::methodNotAllowed);
    router.post("/api/refresh").handler(this::refresh);
    router.route("/api/refresh").handler(HttpVerticle::methodNotAllowed);
    router.get("/api/admin/users").handler(this::users);
    router.route("/api/admin/users").handler(HttpVerticle::methodNotAllowed);
  }

  void login(RoutingContext rc) {
    JsonObject body;
    try {
      body = Payload.parse(rc.body().buffer()).asJsonObject();
    } catch (BridgeException e) {
      HttpErrors.send(rc, e);
      return;
    }
    core.auth().login(body, rc.request().remoteAddress().host(), "http").onComplete(ar -> {
      if (ar.succeeded()) {
        json(rc, ar.result().toJson());
      } else if (ar.cause() instanceof BridgeException) {
        HttpErrors.send(rc, (BridgeException) ar.cause());
      } else {
        HttpErrors.send(rc, ErrorCode.INTERNAL_ERROR, "the login failed");
      }
    });
  }

  private void whoami(RoutingContext rc) {
    Principal p = Identity.principal(rc);
    json(rc, new JsonObject().put("user", p == null ? null : p.user())
      .put("roles", new JsonArray(p == null ? List.of() : p.roles()))
      .put("expiresAt", p == null ? null : p.expiresAt())
      .put("transport", "http").put("node", core.node().name()));
  }

  private void refresh(RoutingContext rc) {
    try {
      json(rc, core.auth().refresh(loggedIn(rc)).toJson());
    } catch (BridgeException e) {
      HttpErrors.send(rc, e);
    }
  }

  private void users(RoutingContext rc) {
    try {
      if (!loggedIn(rc).hasRole("admin")) {
        throw new BridgeException(ErrorCode.ACCESS_DENIED, "only the admin role may list users");
      }
    } catch (BridgeException e) {
      HttpErrors.send(rc, e);
      return;
    }
    core.auth().listUsers().onComplete(ar -> {
      if (ar.succeeded()) {
        json(rc, new JsonObject().put("users", ar.result()));
      } else {
        HttpErrors.send(rc, ErrorCode.INTERNAL_ERROR, "could not read the logins: " + ar.cause().getMessage());
      }
    });
  }

  private static Principal loggedIn(RoutingContext rc) {
    Principal p = Identity.principal(rc);
    if (p == null) {
      rc.response().putHeader("WWW-Authenticate", "Bearer");
      throw new BridgeException(ErrorCode.LOGIN_REQUIRED, "send Authorization: Bearer TOKEN (POST /api/login gives one)");
    }
    return p;
  }

  private static void json(RoutingContext rc, JsonObject body) {
    if (!rc.response().closed()) {
      rc.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
  }
}
