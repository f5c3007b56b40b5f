package io.junction.job;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A node's jobs as entries of the cluster's {@link JobDirectory}: the flat JSON of a job with its home (this node's
 * store id) and node (its id in the cluster), written after each stored transition, and the ending of a job whose
 * home is gone. Thread-safe.
 */
final class JobEntries {

  private final JobDirectory dir;
  private final JobStore store;
  private final JobSettings settings;
  private final JobRunner runner;

  JobEntries(JobDirectory dir, JobStore store, JobSettings settings, JobRunner runner) {
    this.dir = dir;
    this.store = store;
    this.settings = settings;
    this.runner = runner;
  }

  /** The directory entry of {@code job} at this node. */
  JsonObject entry(Job job, boolean retryable) {
    return new JsonObject().put("token", job.token).put("home", store.id()).put("node", dir.nodeId())
      .put("command", job.command).put("owner", job.owner).put("args", job.args).put("status", job.status)
      .put("progress", job.progress).put("response", job.response).put("reason", job.reason)
      .put("created", job.created).put("updated", job.updated).put("attempts", job.attempts)
      .put("retryable", retryable);
  }

  static Job job(JsonObject e) {
    return new Job(e.getString("token"), e.getString("command"), e.getString("owner"), e.getString("args"),
      e.getString("status"), e.getString("progress"), e.getString("response"), e.getString("reason"),
      e.getLong("created"), e.getLong("updated"), e.getInteger("attempts"));
  }

  static boolean tombstone(JsonObject e) {
    return e != null && e.getBoolean("confirmed", false);
  }

  /** Finished entries go away with the job's expiry; busy ones stay. */
  long ttl(Job job) {
    return job.finished() ? settings.expireSeconds : 0;
  }

  Future<Void> record(Job job, boolean retryable) {
    return dir.put(job.token, entry(job, retryable), ttl(job));
  }

  /**
   * Ends the busy job of entry {@code e} (whose home is gone) here with {@code reason}: stored, then the entry
   * names this node. The future holds the ended job, or null when the entry changed meanwhile (nothing done).
   */
  Future<Job> endHere(JsonObject e, String reason) {
    Job ended = job(e).aborted(reason, System.currentTimeMillis());
    // the entry first: of two nodes ending or adopting one job, one wins and the other does nothing
    return dir.replace(ended.token, e, entry(ended, e.getBoolean("retryable", false)), ttl(ended)).compose(ok -> {
      if (!ok) {
        return Future.succeededFuture();
      }
      return Future.fromCompletionStage(store.put(ended)).map(v -> {
        runner.publish(ended);
        return ended;
      });
    });
  }
}
