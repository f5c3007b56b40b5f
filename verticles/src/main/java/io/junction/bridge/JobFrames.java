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

  /** Default and largest number of jobs a worker takes at once per command. */
  static final int DEFAULT_CAPACITY = 1;
  static final int MAX_CAPACITY = 1000;

  private JobFrames() {
  }

  /** The worker side: registering as a worker, and reports on offered jobs; {@code null} for other addresses. */
  private static Future<JsonObject> worker(JobService jobs, Session<?> s, String address, JsonObject body) {
    switch (address) {
      case Addresses.JOBS_WORK:
        Object commands = body.getValue("commands");
        Object capacity = body.getValue("capacity", DEFAULT_CAPACITY);
        Object retryable = body.getValue("retryable", false);
        if (!(commands instanceof io.vertx.core.json.JsonArray) || ((io.vertx.core.json.JsonArray) commands).isEmpty()
          || !(capacity instanceof Integer) || (Integer) capacity < 1 || (Integer) capacity > MAX_CAPACITY
          || !(retryable instanceof Boolean)) {
          throw new BridgeException(ErrorCode.INVALID_FRAME, "the body is {\"commands\": [names], \"capacity\": 1 to "
            + MAX_CAPACITY + ", \"retryable\": true|false}");
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Object c : (io.vertx.core.json.JsonArray) commands) {
          if (!(c instanceof String) || ((String) c).isEmpty()) {
            throw new BridgeException(ErrorCode.INVALID_FRAME, "commands are names");
          }
          names.add((String) c);
        }
        s.becameWorker();
        return Future.succeededFuture(jobs.work(s.id(), names, (Integer) capacity, (Boolean) retryable));
      case Addresses.JOBS_PROGRESS:
        return jobs.report(s.id(), "progress", token(body), body.getValue("progress"));
      case Addresses.JOBS_DONE:
        return jobs.report(s.id(), "done", token(body), body.getValue("response"));
      case Addresses.JOBS_FAIL:
        return jobs.report(s.id(), "fail", token(body), body.getValue("reason"));
      default:
        return null;
    }
  }

  private static String token(JsonObject body) {
    Object t = body.getValue("token");
    if (!(t instanceof String)) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "the body needs \"token\"");
    }
    return (String) t;
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
    Future<JsonObject> answer = worker(jobs, s, f.address, body);
    if (answer == null) {
      answer = jobs.request(s.user(), f.address, body);
    }
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
