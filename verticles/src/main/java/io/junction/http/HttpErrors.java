package io.junction.http;

import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The HTTP shape of registry errors: {@code {"error": id, "code": n, "message": text}} with the error's status. */
final class HttpErrors {

  private HttpErrors() {
  }

  static void send(RoutingContext rc, BridgeException e) {
    send(rc, e.code(), e.detail(), null);
  }

  static void send(RoutingContext rc, ErrorCode code, String message) {
    send(rc, code, message, null);
  }

  static void send(RoutingContext rc, ErrorCode code, String message, JsonObject extra) {
    HttpServerResponse resp = rc.response();
    if (resp.headWritten()) {
      resp.reset();
      return;
    }
    JsonObject body = new JsonObject().put("error", code.id()).put("code", code.code()).put("message", message);
    if (extra != null) {
      body.mergeIn(extra);
    }
    resp.setStatusCode(code.httpStatus())
      .putHeader("Content-Type", "application/json")
      .end(body.encode());
  }

  /** Maps failures raised by vertx-web (body too large, bad method, ...) to registry errors. */
  static void routeFailure(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof BridgeException) {
      send(rc, (BridgeException) failure);
      return;
    }
    switch (rc.statusCode()) {
      case 413:
        send(rc, ErrorCode.FRAME_TOO_LARGE, "the request body is larger than limits.max_frame_bytes");
        break;
      case 404:
        send(rc, ErrorCode.NOT_FOUND, "no such endpoint: " + rc.request().path());
        break;
      case 405:
        send(rc, ErrorCode.METHOD_NOT_ALLOWED, rc.request().method() + " is not allowed on " + rc.request().path());
        break;
      default:
        send(rc, ErrorCode.INTERNAL_ERROR, "the request failed");
    }
  }
}
