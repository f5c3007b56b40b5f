package io.junction.job;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The busy jobs of nodes that left the cluster, as the oldest member takes them over: a job that never started, or
 * may run again, is handed to a node that runs its command (this one first), which becomes its home; any other
 * ends {@code aborted} with reason {@code node_lost}. Every change goes through a compare-and-set on the entry, so
 * of two nodes acting on one job only one does. Thread-safe.
 */
final class JobAdoption {

  private static final Logger log = LoggerFactory.getLogger(JobAdoption.class);

  private final Vertx vertx;
  private final JobDirectory dir;
  private final JobStore store;
  private final JobRunner runner;
  private final JobEntries entries;
  /** Tokens being adopted by this node now: two members leaving at once must not adopt one job twice. */
  private final Set<String> adopting = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean on;

  JobAdoption(Vertx vertx, JobDirectory dir, JobStore store, JobRunner runner, JobEntries entries) {
    this.vertx = vertx;
    this.dir = dir;
    this.store = store;
    this.runner = runner;
    this.entries = entries;
  }

  /** Adopts from now on (after the node's own start: before, its old jobs look like a dead node's), or no more. */
  void on(boolean on) {
    this.on = on;
  }

  /** A member left: the oldest member adopts the busy jobs of every node that is gone. */
  void nodeLeft() {
    if (!on || !dir.isOldest()) {
      return; // before start, this node's own old jobs may still look like a dead node's
    }
    dir.orphans().onSuccess(orphans -> orphans.forEach(e -> {
      String token = e.getString("token");
      if (adopting.add(token)) {
        adopt(e, 1).onComplete(done -> adopting.remove(token));
      }
    })).onFailure(e -> log.warn("could not read the jobs of nodes that left: {}", e.toString()));
  }

  /**
   * One busy job of a node that is gone: run again here or on a node that can (if it may), else aborted with
   * {@code node_lost}. A handover is tried three times, a second apart: right after a node leaves, a request may
   * still be routed to its registrations.
   */
  private Future<Void> adopt(JsonObject e, int attempt) {
    Job job = JobEntries.job(e);
    if (job.attempts > 0 && !e.getBoolean("retryable", false)) {
      return lost(e);
    }
    Future<JsonObject> handed = runner.commands().contains(job.command) ? JobCalls.guarded(() -> adoptHere(e))
      : JobCalls.request(vertx, JobCluster.RUN + job.command, new JsonObject().put("action", "adopt").put("entry", e), 5_000);
    return handed.transform(ar -> {
      if (ar.succeeded()) {
        if (ar.result().getBoolean("adopted", false)) {
          log.info("job {} ({}) of a node that left runs again", job.token, job.command);
        }
        return Future.succeededFuture();
      }
      Throwable err = ar.cause();
      boolean nobody = err instanceof ReplyException && ((ReplyException) err).failureType() == ReplyFailure.NO_HANDLERS;
      if (attempt < 3 && !nobody) {
        io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
        vertx.setTimer(1000, t -> adopt(e, attempt + 1).onComplete(later));
        return later.future();
      }
      return lost(e);
    });
  }

  private Future<Void> lost(JsonObject e) {
    return entries.endHere(e, "node_lost").onSuccess(ended -> {
      if (ended != null) {
        log.info("job {} ({}) was running on a node that left: aborted (node_lost)", ended.token, ended.command);
      }
    }).onFailure(x -> log.warn("job {} of a node that left could not be settled: {}", e.getString("token"), x.toString()))
      .<Void>mapEmpty().otherwiseEmpty();
  }

  /** Takes over the busy job of entry {@code e} from a node that is gone, unless another node did. */
  Future<JsonObject> adoptHere(JsonObject e) {
    Job job = JobEntries.job(e);
    JobHandler h = runner.handler(job.command, job.args == null ? new JsonObject() : new JsonObject(job.args));
    boolean retryable = h == null || h.retryable();
    return dir.replace(job.token, e, entries.entry(job, retryable), 0).compose(ok -> {
      if (!ok) {
        return Future.succeededFuture(new JsonObject().put("adopted", false));
      }
      return Future.fromCompletionStage(store.put(job)).map(v -> {
        runner.reserveAnyway(job.command);
        runner.accept(job, h);
        return new JsonObject().put("adopted", true);
      });
    });
  }
}
