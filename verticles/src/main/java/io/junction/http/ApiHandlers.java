package io.junction.http;

import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.NodeState;
import io.junction.bridge.Payload;
import io.junction.bridge.Replies;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Map;

/**
 * {@code POST /api/publish/{address}} (202) and {@code POST /api/send/{address}} (request-reply: the reply body
 * is the response). The request body is the message body (any JSON value); the same checks and errors as the
 * bridges apply. A {@code timeout} query parameter shortens the reply timeout.
 */
final class ApiHandlers {

  private final BridgeCore core;

  ApiHandlers(BridgeCore core) {
    this.core = core;
  }

  void mount(Router router) {
    router.route("/api/*").handler(this::gate);
    router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(core.limits().maxFrameBytes()));
    AuthRoutes auth = new AuthRoutes(core);
    router.post("/api/login").handler(auth::login);
    router.route("/api/login").handler(HttpVerticle::methodNotAllowed);
    router.route("/api/*").handler(rc -> Identity.read(core, rc));
    auth.mount(router);
    router.post("/api/publish/:address").handler(this::publish);
    router.route("/api/publish/:address").handler(HttpVerticle::methodNotAllowed);
    router.post("/api/send/:address").handler(this::send);
    router.route("/api/send/:address").handler(HttpVerticle::methodNotAllowed);
    new JobRoutes(core).mount(router);
  }

  private void gate(RoutingContext rc) {
    NodeState state = core.node().state();
    if (state == NodeState.UP) {
      rc.next();
    } else {
      HttpErrors.send(rc, state == NodeState.STARTING ? ErrorCode.NOT_READY : ErrorCode.SHUTTING_DOWN, "the node is " + state);
    }
  }

  private void publish(RoutingContext rc) {
    String address = rc.pathParam("address");
    try {
      core.publish(Identity.access(core, rc), address, Payload.parse(rc.body().buffer()), null).onComplete(ar -> {
        if (rc.response().closed()) {
          return;
        }
        if (ar.failed()) {
          failed(rc, ar.cause());
          return;
        }
        JsonObject answer = new JsonObject().put("status", "published").put("address", address);
        rc.response().setStatusCode(202).putHeader("Content-Type", "application/json")
          .end((ar.result() >= 0 ? answer.put("seq", ar.result()) : answer).encode());
      });
    } catch (BridgeException e) {
      HttpErrors.send(rc, e);
    }
  }

  private void send(RoutingContext rc) {
    String timeout = rc.queryParams().get("timeout");
    try {
      Payload body = Payload.parse(rc.body().buffer());
      Future<Payload> scoped = core.scopes().answerHttp(Identity.access(core, rc), rc.pathParam("address"), body.asJsonObject());
      if (scoped != null) {
        scoped.onComplete(ar -> {
          if (ar.failed()) {
            failed(rc, ar.cause());
          } else if (!rc.response().closed()) {
            rc.response().putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(ar.result().bytes()));
          }
        });
        return;
      }
      core.request(Identity.access(core, rc), rc.pathParam("address"), Payload.parse(rc.body().buffer()),
          timeout == null ? null : Map.of("timeout", timeout))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            replied(rc, ar.result());
          } else {
            failed(rc, ar.cause());
          }
        });
    } catch (BridgeException e) {
      HttpErrors.send(rc, e);
    }
  }

  private static void replied(RoutingContext rc, Message<Object> reply) {
    if (rc.response().closed()) {
      return;
    }
    rc.response().putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(Payload.of(reply.body()).bytes()));
  }

  private static void failed(RoutingContext rc, Throwable cause) {
    if (rc.response().closed()) {
      return;
    }
    if (cause instanceof BridgeException) {
      HttpErrors.send(rc, (BridgeException) cause);
      return;
    }
    ErrorCode code = Replies.codeOf(cause);
    JsonObject extra = null;
    if (cause instanceof ReplyException && code == ErrorCode.RECIPIENT_FAILURE) {
      extra = new JsonObject().put("failureCode", ((ReplyException) cause).failureCode());
    }
    HttpErrors.send(rc, code, cause.getMessage() == null ? code.description() : cause.getMessage(), extra);
  }
}
