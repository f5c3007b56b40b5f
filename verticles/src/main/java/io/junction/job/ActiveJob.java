package io.junction.job;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A busy job of this node, as the {@link JobRunner} tracks it: waiting in its command's queue, running on a job
 * thread, or offered to a remote worker. It is also the {@link JobContext} its handler sees. Fields other than
 * the volatile ones are guarded by the runner.
 */
final class ActiveJob implements JobContext {

  volatile Job job;
  final JobHandler handler;
  final JsonObject args;
  private final JobRunner runner;
  volatile boolean cancelled;
  java.util.concurrent.Future<?> thread;
  /** The remote worker running it (its connection id), or {@code null}. */
  String worker;
  long timer = -1;
  Future<JsonObject> ending;
  /** Whether it may run again elsewhere when its node is lost: its handler's say, or its worker's. */
  volatile boolean retryable;

  ActiveJob(Job job, JobHandler handler, JobRunner runner) {
    this.job = job;
    this.handler = handler;
    this.runner = runner;
    this.args = job.args == null ? new JsonObject() : new JsonObject(job.args);
    this.retryable = handler == null || handler.retryable();
  }

  @Override
  public String token() {
    return job.token;
  }

  @Override
  public JsonObject args() {
    return args;
  }

  @Override
  public void progress(JsonObject progress) {
    runner.progress(this, progress);
  }

  @Override
  public boolean cancelled() {
    return cancelled;
  }
}
