package io.junction.http;

import io.junction.Addresses;
import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.Payload;
import io.junction.job.JobService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Jobs over HTTP, as the logged-in (Bearer) or anonymous caller: {@code POST /api/jobs} (202, {@code Location}
 * and {@code Retry-After}), {@code GET /api/jobs/{token}}, {@code POST /api/jobs/{token}/confirm},
 * {@code POST /api/jobs/{token}/cancel}. Errors as everywhere in the API.
 */
final class JobRoutes {

  /** Seconds a client is asked to wait before polling a busy job. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final BridgeCore core;

  JobRoutes(BridgeCore core) {
    this.core = core;
  }

  void mount(Router router) {
    router.post("/api/jobs").handler(this::submit);
    router.route("/api/jobs").handler(HttpVerticle::methodNotAllowed);
    router.get("/api/jobs/:token").handler(rc -> answer(rc, Addresses.JOBS_STATUS));
    router.route("/api/jobs/:token").handler(HttpVerticle::methodNotAllowed);
    router.post("/api/jobs/:token/confirm").handler(rc -> answer(rc, Addresses.JOBS_CONFIRM));
    router.route("/api/jobs/:token/confirm").handler(HttpVerticle::methodNotAllowed);
    router.post("/api/jobs/:token/cancel").handler(rc -> answer(rc, Addresses.JOBS_CANCEL));
    router.route("/api/jobs/:token/cancel").handler(HttpVerticle::methodNotAllowed);
  }

  private JobService jobs() {
    JobService jobs = core.jobs();
    if (jobs == null) {
      throw new BridgeException(ErrorCode.NOT_FOUND, "this node runs no job service");
    }
    return jobs;
  }

  private void submit(RoutingContext rc) {
    try {
      JsonObject body = Payload.parse(rc.body().buffer()).asJsonObject();
      if (body == null) {
        throw new BridgeException(ErrorCode.INVALID_JSON, "the body must be a JSON object: {\"command\",\"token\"?,\"args\"?}");
      }
      jobs().request(Identity.access(core, rc).user(), Addresses.JOBS_SUBMIT, body).onComplete(ar -> {
        if (rc.response().closed()) {
          return;
        }
        if (ar.failed()) {
          fail(rc, ar.cause());
          return;
        }
        JsonObject status = ar.result();
        boolean busy = !status.getBoolean("finished");
        rc.response().setStatusCode(busy ? 202 : 200).putHeader("Content-Type", "application/json")
          .putHeader("Location", "/api/jobs/" + status.getString("token"));
        if (busy) {
          rc.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        rc.response().end(status.encode());
      });
    } catch (BridgeException e) {
      HttpErrors.send(rc, e);
    }
  }

  private void answer(RoutingContext rc, String address) {
    try {
      Future<JsonObject> answer = jobs().request(Identity.access(core, rc).user(), address,
        new JsonObject().put("token", rc.pathParam("token")));
      answer.onComplete(ar -> {
        if (rc.response().closed()) {
          return;
        }
        if (ar.failed()) {
          fail(rc, ar.cause());
          return;
        }
        if (Addresses.JOBS_STATUS.equals(address) && !ar.result().getBoolean("finished")) {
          rc.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        rc.response().putHeader("Content-Type", "application/json").end(ar.result().encode());
      });
    } catch (BridgeException e) {
      HttpErrors.send(rc, e);
    }
  }

  private static void fail(RoutingContext rc, Throwable cause) {
    HttpErrors.send(rc, cause instanceof BridgeException ? (BridgeException) cause
      : new BridgeException(ErrorCode.INTERNAL_ERROR, "the job service failed: " + cause));
  }
}
