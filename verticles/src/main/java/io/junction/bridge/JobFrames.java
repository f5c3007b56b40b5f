package io.junction.bridge;

import io.junction.Addresses;
import io.junction.job.JobService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The job services ({@code hub.jobs.submit|status|confirm|cancel}) as a session answers them, as the session's
 * user (tokens belong to the user who submitted them). Runs on the session's event loop.
 */
final class JobFrames {

  private JobFrames() {
  }

  /** Handles {@code f} if it is sent to a job service this node has; false when it is not one. */
  static boolean handle(Session<?> s, Frame f) {
    JobService jobs = s.core().jobs();
    if (jobs == null || !f.address.startsWith(Addresses.JOBS_SERVICE)) {
      return false;
    }
    JsonObject body = f.body.asJsonObject();
    if (body == null) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "the body must be a JSON object");
    }
    Future<JsonObject> answer = jobs.request(s.user(), f.address, body);
    if (answer == null) {
      return false;
    }
    answer.onComplete(ar -> s.onOwnLoop(() -> {
      if (ar.succeeded()) {
        s.reply(f, ar.result());
      } else {
        BridgeException e = ar.cause() instanceof BridgeException ? (BridgeException) ar.cause()
          : new BridgeException(ErrorCode.INTERNAL_ERROR, "the job service failed: " + ar.cause());
        s.refuse(f, e.code(), e.detail());
      }
    }));
    return true;
  }
}
