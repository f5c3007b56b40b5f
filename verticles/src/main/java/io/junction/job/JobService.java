package io.junction.job;

import io.junction.Addresses;
import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The jobs of one node as clients see them: submit (durable before {@code busy} is answered), status, confirm,
 * cancel, and the worker side's registration and reports; tokens and their owners. Accepted jobs run in the
 * {@link JobRunner}; every status change is stored, then published on {@code jobs.<token>}. After a restart, jobs
 * that were busy run again when their command is retryable and end {@code aborted} with reason
 * {@code node_restarted} otherwise. Thread-safe; futures complete on the store's thread.
 */
public final class JobService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  /** Tokens clients may choose: they become part of an address. */
  public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
  public static final String EVENTS = "jobs.";
  private static final SecureRandom RANDOM = new SecureRandom();


  private final Vertx vertx;
  private final JobStore store;
  private final JobSettings settings;
  private final JobRunner runner;
  /** The cluster's side of the jobs; {@code null} on a standalone node. */
  private final JobCluster cluster;

  /** How jobs reach remote workers: a message to the worker's connection. */
  public interface Offers {
    void send(String worker, Map<String, String> headers, JsonObject body);
  }

  /** Header of messages the hub sends a worker: {@value #OFFER} or {@value #CANCEL}. */
  public static final String JOB_HEADER = "junction.job";
  public static final String OFFER = "offer";
  public static final String CANCEL = "cancel";
  private long expiryTimer = -1;

  /** A standalone node's jobs. */
  public JobService(Vertx vertx, JobStore store, JobSettings settings, List<JobHandler> handlers) {
    this(vertx, store, settings, handlers, null);
  }

  /** @param directory the cluster's job directory; {@code null} on a standalone node */
  public JobService(Vertx vertx, JobStore store, JobSettings settings, List<JobHandler> handlers, JobDirectory directory) {
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
    this.runner = new JobRunner(vertx, store, settings, handlers);
    this.cluster = directory == null ? null : new JobCluster(vertx, directory, store, settings, runner, this);
  }

  /** The commands this node runs: its handlers' and its workers'. */
  public java.util.Set<String> commands() {
    return runner.commands();
  }

  /** Where offers to workers go (set by the bridge core, which reaches connections). */
  public void offers(Offers offers) {
    runner.offers(offers);
  }

  /**
   * Registers connection {@code worker} for {@code commands}, with {@code capacity} jobs at once per command;
   * {@code retryable}: its jobs may run again elsewhere when it disconnects.
   */
  public JsonObject work(String worker, List<String> commands, int capacity, boolean retryable) {
    return runner.work(worker, commands, capacity, retryable);
  }

  /**
   * A worker reports on a job it was offered: {@code progress} (an object), {@code done} (the response) or
   * {@code fail} (the reason). Fails with {@code unknown_token} when the job is not this worker's (any more).
   */
  public Future<JsonObject> report(String worker, String kind, String token, Object value) {
    return runner.report(worker, kind, token, value);
  }

  /** A worker's connection closed: its jobs run again elsewhere when retryable, else end aborted/worker_lost. */
  public void workerGone(String worker) {
    runner.workerGone(worker);
  }

  /** Whether {@code token} is a busy job of this node submitted by {@code user} (whose events one may follow). */
  public boolean isBusyJobOf(String token, String user) {
    return runner.isBusyJobOf(token, user);
  }

  /**
   * Whether {@code token} is a busy job of {@code user} on any node (whose events they may follow); {@code null}
   * when that is not known here and is no busy job of this node: then it is none.
   */
  public Future<Boolean> isBusyJobInClusterOf(String token, String user) {
    return cluster == null ? null : cluster.isBusyJobOf(token, user);
  }

  /** Whether this node's jobs are part of a cluster's. */
  public boolean clustered() {
    return cluster != null;
  }

  /** A member left the cluster: the oldest member adopts the busy jobs of the nodes that are gone. */
  public void nodeLeft() {
    if (cluster != null) {
      cluster.nodeLeft();
    }
  }

  /** For tests and health: busy jobs on this node. */
  public int busy() {
    return runner.busy();
  }



  /**
   * Takes over what the store holds from before: busy jobs run again (retryable) or end {@code aborted} with
   * {@code node_restarted}; then finished jobs expire every minute.
   */
  public Future<Void> start() {
    Future<List<Job>> before = cluster == null ? Future.fromCompletionStage(store.withStatus(Job.BUSY)) : cluster.reconcile();
    return before.compose(busy -> {
      long now = System.currentTimeMillis();
      List<Future<?>> done = new java.util.ArrayList<>();
      for (Job job : busy) {
        JobHandler h = runner.localHandler(job.command);
        if (h != null && h.retryable()) {
          log.info("job {} ({}) was busy when the node stopped: running it again", job.token, job.command);
          runner.resume(job, h);
        } else {
          log.info("job {} ({}) was busy when the node stopped and is not retryable: aborted", job.token, job.command);
          Job aborted = job.aborted("node_restarted", now);
          done.add(Future.fromCompletionStage(store.update(aborted)).compose(v -> runner.record(aborted, false))
            .onSuccess(v -> runner.publish(aborted)));
        }
      }
      return Future.all(done).onSuccess(v -> {
        for (String command : commands()) {
          runner.dispatch(command);
        }
        // every minute, or more often when jobs expire sooner: a job outlives its expiry by at most half of it
        long every = Math.max(100, Math.min(60_000, settings.expireSeconds * 500));
        expiryTimer = vertx.setPeriodic(every, t -> expire());
      }).compose(v -> cluster == null ? Future.succeededFuture() : cluster.start());
    });
  }

  private void expire() {
    long before = System.currentTimeMillis() - settings.expireSeconds * 1000L;
    store.deleteFinishedBefore(before).whenComplete((n, e) -> {
      if (e != null) {
        log.warn("could not expire finished jobs: {}", e.toString());
      } else if (n > 0) {
        log.info("{} finished jobs expired unconfirmed", n);
      }
    });
  }

  /** A new random token: 128 bits, URL-safe. */
  public static String newToken() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Submits {@code command}; the future has {@code {"token","status":"busy",...}} once the job is durable, or the
   * status of the job that already has {@code token}. Fails with {@code bad_command}, {@code token_conflict},
   * {@code queue_full}.
   */
  public Future<JsonObject> submit(String owner, String command, String token, JsonObject args) {
    return submit(owner, command, token, args, true);
  }

  /** A submit another node handed over: it runs here or not at all. */
  Future<JsonObject> submitHere(String owner, String command, String token, JsonObject args) {
    return submit(owner, command, token, args, false);
  }

  private Future<JsonObject> submit(String owner, String command, String token, JsonObject args, boolean mayForward) {
    if (command == null || command.isEmpty()) {
      return Future.failedFuture(new BridgeException(ErrorCode.BAD_COMMAND, "the body needs \"command\""));
    }
    if (token != null && !TOKEN.matcher(token).matches()) {
      return Future.failedFuture(new BridgeException(ErrorCode.INVALID_FRAME,
        "a token is 1 to 128 letters, digits, '_', '.', ':' or '-'"));
    }
    String t = token == null ? newToken() : token;
    JsonObject a = args == null ? new JsonObject() : args;
    Job known = runner.busyJob(t);
    if (known != null) {
      return Future.succeededFuture(existing(known, owner, command));
    }
    return Future.fromCompletionStage(store.get(t)).compose(stored -> {
      if (stored.isPresent()) {
        return Future.succeededFuture(existing(stored.get(), owner, command));
      }
      if (mayForward && cluster != null && !cluster.runsHere(command)) {
        return cluster.forwardSubmit(owner, command, t, a);
      }
      return create(owner, command, t, a);
    });
  }

  /** A new job here: claimed in the cluster (when there is one), stored, then queued. */
  private Future<JsonObject> create(String owner, String command, String t, JsonObject a) {
    JobHandler h = runner.handler(command, a);
    runner.reserve(command);
    Job job = Job.submitted(t, command, owner, a.encode(), System.currentTimeMillis());
    Future<Job> claimed = cluster == null ? Future.succeededFuture() : cluster.claim(job, h == null || h.retryable());
    return claimed.transform(c -> {
      if (c.failed() || c.result() != null) {
        runner.unreserve(command);
        return c.failed() ? Future.failedFuture(c.cause()) : Future.succeededFuture(existing(c.result(), owner, command));
      }
      return Future.fromCompletionStage(store.insert(job)).transform(ar -> {
        if (ar.failed()) {
          runner.unreserve(command);
          if (ar.cause() instanceof SQLException && ar.cause().getMessage().contains("UNIQUE")) {
            return Future.fromCompletionStage(store.get(t)).map(again -> existing(again.orElseThrow(), owner, command));
          }
          if (cluster != null) {
            cluster.forget(t);
          }
          return Future.failedFuture(ar.cause());
        }
        runner.accept(job, h);
        return Future.succeededFuture(json(job));
      });
    });
  }

  /** The answer to a submit of a token that exists: its status, if it is the same user's same command. */
  static JsonObject existing(Job job, String owner, String command) {
    if (!Objects.equals(job.owner, owner) || !job.command.equals(command)) {
      throw new BridgeException(ErrorCode.TOKEN_CONFLICT, "the token belongs to another job");
    }
    return json(job);
  }

  /** {@code {"token","command","status","finished","progress"?,"response"?,"reason"?}}. Fails with {@code unknown_token}. */
  public Future<JsonObject> status(String owner, String token) {
    return local(owner, token).compose(job -> {
      if (job != null) {
        return Future.succeededFuture(json(job));
      }
      if (cluster == null) {
        return unknown(token);
      }
      return cluster.lookup(token).compose(j -> j != null && Objects.equals(j.owner, owner)
        ? Future.succeededFuture(json(j)) : unknown(token));
    });
  }

  /**
   * {@code user}'s job {@code token} if this node is its home; {@code null} if it is none of this node's; fails with
   * {@code unknown_token} when it is another user's.
   */
  private Future<Job> local(String owner, String token) {
    Job busy = runner.busyJob(token);
    if (busy != null) {
      return Objects.equals(busy.owner, owner) ? Future.succeededFuture(busy) : unknown(token);
    }
    if (token == null || !TOKEN.matcher(token).matches()) {
      return unknown(token);
    }
    return Future.fromCompletionStage(store.get(token)).compose(stored -> {
      if (stored.isEmpty()) {
        return Future.succeededFuture();
      }
      return Objects.equals(stored.get().owner, owner) ? Future.succeededFuture(stored.get()) : unknown(token);
    });
  }

  static <T> Future<T> unknown(String token) {
    return Future.failedFuture(new BridgeException(ErrorCode.UNKNOWN_TOKEN, "no job " + token));
  }

  /** Forgets a finished job: {@code {"token","confirmed":true}}. Fails with {@code job_not_finished}, {@code unknown_token}. */
  public Future<JsonObject> confirm(String owner, String token) {
    return local(owner, token).compose(job -> job != null ? confirm(job)
      : cluster != null ? cluster.confirmElsewhere(owner, token) : unknown(token));
  }

  /** A confirm handed over by another node: of a job whose home is this node. */
  Future<JsonObject> confirmHere(String owner, String token) {
    return local(owner, token).compose(job -> job != null ? confirm(job) : unknown(token));
  }

  private Future<JsonObject> confirm(Job job) {
    if (!job.finished()) {
      return Future.failedFuture(new BridgeException(ErrorCode.JOB_NOT_FINISHED, "job " + job.token + " is still busy"));
    }
    return Future.fromCompletionStage(store.delete(job.token))
      .compose(deleted -> cluster == null ? Future.succeededFuture() : cluster.forget(job.token))
      .map(v -> new JsonObject().put("token", job.token).put("confirmed", true));
  }

  /** Cancels a busy job (it ends {@code aborted}, reason {@code cancelled}); a finished one keeps its status. */
  public Future<JsonObject> cancel(String owner, String token) {
    return cancel(owner, token, 0);
  }

  /** {@code attempt}: how often the cluster found the job claimed by this node but not yet here. */
  Future<JsonObject> cancel(String owner, String token, int attempt) {
    return local(owner, token).compose(job -> job != null ? cancel(job)
      : cluster != null ? cluster.cancelElsewhere(owner, token, attempt) : unknown(token));
  }

  /** A cancel handed over by another node: of a job whose home is this node. */
  Future<JsonObject> cancelHere(String owner, String token) {
    return local(owner, token).compose(job -> job != null ? cancel(job) : unknown(token));
  }

  private Future<JsonObject> cancel(Job job) {
    Future<JsonObject> cancelled = job.finished() ? null : runner.cancel(job.token);
    return cancelled != null ? cancelled : Future.succeededFuture(json(job));
  }

  /**
   * The answer to {@code body} sent to {@code address} ({@code hub.jobs.*}) by {@code user}, or {@code null} when
   * the address is no job service. @throws BridgeException {@code invalid_frame} for a body of the wrong shape
   */
  public Future<JsonObject> request(String user, String address, JsonObject body) {
    switch (address) {
      case Addresses.JOBS_SUBMIT:
        Object args = body.getValue("args");
        Object token = body.getValue("token");
        Object command = body.getValue("command");
        if (args != null && !(args instanceof JsonObject) || token != null && !(token instanceof String)
          || command != null && !(command instanceof String)) {
          throw new BridgeException(ErrorCode.INVALID_FRAME, "\"command\" and \"token\" are strings, \"args\" an object");
        }
        return submit(user, (String) command, (String) token, (JsonObject) args);
      case Addresses.JOBS_STATUS:
        return status(user, token(body));
      case Addresses.JOBS_CONFIRM:
        return confirm(user, token(body));
      case Addresses.JOBS_CANCEL:
        return cancel(user, token(body));
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










  /** The status JSON of {@code job}. */
  public static JsonObject json(Job job) {
    JsonObject j = new JsonObject().put("token", job.token).put("command", job.command).put("status", job.status)
      .put("finished", job.finished());
    if (job.progress != null) {
      j.put("progress", Json.decodeValue(job.progress));
    }
    if (job.response != null) {
      j.put("response", Json.decodeValue(job.response));
    }
    if (job.reason != null) {
      j.put("reason", job.reason);
    }
    return j;
  }

  /** Stops running jobs (they stay busy in the store: the next start decides), then closes nothing else. */
  @Override
  public void close() {
    if (expiryTimer >= 0) {
      vertx.cancelTimer(expiryTimer);
    }
    runner.close();
    if (cluster != null) {
      cluster.close();
    }
  }


}
