package io.junction.job;

import io.vertx.core.json.JsonObject;

/** What a running {@link JobHandler} knows of its job, and how it reports progress. Thread-safe. */
public interface JobContext {

  String token();

  /** The submitted arguments ({@code {}} when none). */
  JsonObject args();

  /** Reports progress ({@code progress} in the status, and an event on {@code jobs.<token>}). */
  void progress(JsonObject progress);

  /** True once the job was cancelled or timed out: stop and return (or throw). */
  boolean cancelled();
}
