package io.junction.job;

import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * Requests between the nodes' job services over the event bus: an error id travels as the failure message's
 * {@code "id: detail"} and comes back as the same {@link BridgeException}.
 */
final class JobCalls {

  private JobCalls() {
  }

  static Future<JsonObject> request(Vertx vertx, String address, JsonObject body, long timeoutMs) {
    return vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions().setSendTimeout(timeoutMs))
      .map(Message::body)
      .recover(e -> {
        if (e instanceof ReplyException && ((ReplyException) e).failureType() == ReplyFailure.RECIPIENT_FAILURE) {
          String message = e.getMessage();
          int colon = message.indexOf(':');
          ErrorCode code = colon < 0 ? null : ErrorCode.byId(message.substring(0, colon));
          if (code != null) {
            return Future.failedFuture(new BridgeException(code, message.substring(colon + 1).trim()));
          }
        }
        return Future.failedFuture(e);
      });
  }

  static void answer(Message<JsonObject> m, Future<JsonObject> f) {
    f.onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(ar.result());
      } else if (ar.cause() instanceof BridgeException) {
        BridgeException b = (BridgeException) ar.cause();
        m.fail(b.code().code(), b.code().id() + ": " + b.detail());
      } else {
        m.fail(ErrorCode.INTERNAL_ERROR.code(), ErrorCode.INTERNAL_ERROR.id() + ": " + ar.cause());
      }
    });
  }

  static Future<JsonObject> guarded(java.util.function.Supplier<Future<JsonObject>> f) {
    try {
      return f.get();
    } catch (BridgeException e) {
      return Future.failedFuture(e);
    }
  }
}
