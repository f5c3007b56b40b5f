package io.junction.job;

import io.vertx.core.json.JsonObject;

/**
 * A command the node runs itself. Plug-ins implement it and list the class in
 * {@code META-INF/services/io.junction.job.JobHandler} of a jar on the node's class path; {@code run} is called
 * on a job thread (never an event loop), once per attempt.
 */
public interface JobHandler {

  /** The command name clients submit. */
  String command();

  /**
   * Whether a job that was running when its node stopped may run again (its effects must bear repeating). Not
   * retryable: the job ends {@code aborted} with reason {@code node_restarted} or {@code node_lost}.
   */
  default boolean retryable() {
    return false;
  }

  /** Checks the arguments at submit. @throws IllegalArgumentException (the submit fails with {@code bad_command}) */
  default void check(JsonObject args) {
  }

  /**
   * Does the work; the result is the job's {@code response} (a JSON object, or anything Vert.x's JSON writes).
   * Throwing ends the job {@code aborted} with the exception's message as reason. Should return soon after
   * {@link JobContext#cancelled()} turns true (the thread is also interrupted).
   */
  Object run(JobContext job) throws Exception;
}
