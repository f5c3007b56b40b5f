package io.junction.job;

import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jobs of a node in a cluster. Every job has a home: the node that runs it and keeps it in its store. The
 * {@link JobDirectory} holds an entry per token (state, owner, home), written after each stored transition, so
 * a job is found, and its result read, from any node, also after its home died. Requests that change a job go to
 * its home on {@value #NODE}{@code <node id>}; a submit for a command this node cannot run goes to
 * {@value #RUN}{@code <command>}, where every node that can run it listens. When a node leaves the cluster, the
 * oldest member adopts its busy jobs: a job that never started, or whose command is retryable, is handed to a node
 * that can run it; any other ends {@code aborted} with reason {@code node_lost}. A node coming back drops the jobs
 * the cluster adopted or confirmed while it was away. Thread-safe.
 */
final class JobCluster {

  /** Prefix of the addresses of the nodes that run a command (cluster-internal; clients cannot send there). */
  static final String RUN = "hub.jobs.run.";
  /** Prefix of a node's address for requests about the jobs whose home it is (cluster-internal). */
  static final String NODE = "hub.jobs.node.";

  private final Vertx vertx;
  private final JobDirectory dir;
  private final JobStore store;
  private final JobSettings settings;
  private final JobRunner runner;
  private final JobService service;
  private final JobEntries entries;
  private final JobAdoption adoption;
  private final Map<String, MessageConsumer<JsonObject>> runs = new HashMap<>();
  private MessageConsumer<JsonObject> node;
  private boolean closed;
  private long sweeper = -1;
  /** How often the oldest member looks again for busy jobs of nodes that are gone (a missed or failed adoption). */
  private static final long SWEEP_MS = 30_000;

  JobCluster(Vertx vertx, JobDirectory dir, JobStore store, JobSettings settings, JobRunner runner, JobService service) {
    this.vertx = vertx;
    this.dir = dir;
    this.store = store;
    this.settings = settings;
    this.runner = runner;
    this.service = service;
    this.entries = new JobEntries(dir, store, settings, runner);
    this.adoption = new JobAdoption(vertx, dir, store, runner, entries);
    runner.recorder(entries::record);
    runner.onCommandsChanged(() -> vertx.runOnContext(v -> listen()));
  }

  /** Settles this node's store with the directory before its jobs run again: the busy jobs that stay. */
  Future<List<Job>> reconcile() {
    return new JobRestart(dir, store, runner, entries).run();
  }

  /** Listens for requests about this node's jobs and for the commands it runs; adopts what dead nodes left. */
  Future<Void> start() {
    node = vertx.eventBus().consumer(NODE + dir.nodeId(), this::onNodeRequest);
    listen();
    adoption.on(true);
    nodeLeft();
    sweeper = vertx.setPeriodic(SWEEP_MS, t -> nodeLeft());
    return node.completion();
  }

  /** Listens on {@value #RUN}{@code <command>} for each command this node runs now, and stops for the others. */
  private synchronized void listen() {
    if (closed) {
      return; // a worker that left while the node stops
    }
    Set<String> commands = runner.commands();
    for (String c : commands) {
      runs.computeIfAbsent(c, k -> vertx.eventBus().consumer(RUN + k, this::onRunRequest));
    }
    runs.entrySet().removeIf(e -> {
      if (commands.contains(e.getKey())) {
        return false;
      }
      e.getValue().unregister();
      return true;
    });
  }

  synchronized void close() {
    closed = true;
    adoption.on(false);
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
    runs.values().forEach(MessageConsumer::unregister);
    runs.clear();
    if (node != null) {
      node.unregister();
    }
  }

  // ---- requests

  /** Whether this node runs {@code command} itself (a handler or a worker). */
  boolean runsHere(String command) {
    return runner.commands().contains(command);
  }

  /** Claims {@code job}'s token for this node; the future has the entry that holds it already, or null. */
  Future<Job> claim(Job job, boolean retryable) {
    return dir.claim(job.token, entries.entry(job, retryable)).map(e -> e == null ? null : JobEntries.job(e));
  }

  /** A submit for a command this node cannot run, handed to a node that can. */
  Future<JsonObject> forwardSubmit(String owner, String command, String token, JsonObject args) {
    JsonObject body = new JsonObject().put("action", "submit").put("owner", owner).put("command", command)
      .put("token", token).put("args", args);
    return request(RUN + command, body).recover(e -> {
      if (e instanceof ReplyException && ((ReplyException) e).failureType() == ReplyFailure.NO_HANDLERS) {
        return dir.get(token).map(entry -> {
          if (entry == null || JobEntries.tombstone(entry)) {
            throw new BridgeException(ErrorCode.BAD_COMMAND, "no handler or worker for the command " + command);
          }
          return JobService.existing(JobEntries.job(entry), owner, command);
        });
      }
      return Future.failedFuture(e);
    });
  }

  /** A job of another node (or of none any more), as the directory has it; {@code null} when there is none. */
  Future<Job> lookup(String token) {
    return dir.get(token).map(e -> e == null || JobEntries.tombstone(e) ? null : JobEntries.job(e));
  }

  /** Confirms the finished job {@code token} whose home is another node, or settles it here if its home is gone. */
  Future<JsonObject> confirmElsewhere(String owner, String token) {
    return dir.get(token).compose(e -> {
      Job job = e == null || JobEntries.tombstone(e) ? null : JobEntries.job(e);
      if (job == null || !java.util.Objects.equals(job.owner, owner)) {
        return JobService.unknown(token);
      }
      if (!job.finished()) {
        return Future.failedFuture(new BridgeException(ErrorCode.JOB_NOT_FINISHED, "job " + token + " is still busy"));
      }
      String home = e.getString("node");
      if (home.equals(dir.nodeId())) {
        return JobService.unknown(token); // this node's own job, not in its store: confirmed a moment ago
      }
      if (dir.isMember(home)) {
        return request(NODE + home, new JsonObject().put("action", "confirm").put("owner", owner).put("token", token));
      }
      JsonObject stone = new JsonObject().put("token", token).put("home", e.getString("home")).put("confirmed", true);
      return dir.replace(token, e, stone, settings.expireSeconds).compose(ok -> ok
        ? Future.succeededFuture(new JsonObject().put("token", token).put("confirmed", true))
        : confirmElsewhere(owner, token));
    });
  }

  /** Cancels the job {@code token} whose home is another node; ends it here when its home is gone. */
  Future<JsonObject> cancelElsewhere(String owner, String token, int attempt) {
    return dir.get(token).compose(e -> {
      Job job = e == null || JobEntries.tombstone(e) ? null : JobEntries.job(e);
      if (job == null || !java.util.Objects.equals(job.owner, owner)) {
        return JobService.unknown(token);
      }
      if (job.finished()) {
        return Future.succeededFuture(JobService.json(job));
      }
      String home = e.getString("node");
      if (home.equals(dir.nodeId())) {
        // claimed here and not yet stored or adopted here a moment ago: once it is, the cancel finds it
        if (attempt >= 50) {
          return Future.failedFuture(new BridgeException(ErrorCode.INTERNAL_ERROR, "job " + token + " is not ready to cancel"));
        }
        io.vertx.core.Promise<JsonObject> later = io.vertx.core.Promise.promise();
        vertx.setTimer(20, t -> service.cancel(owner, token, attempt + 1).onComplete(later));
        return later.future();
      }
      if (dir.isMember(home)) {
        return request(NODE + home, new JsonObject().put("action", "cancel").put("owner", owner).put("token", token));
      }
      return entries.endHere(e, "cancelled").compose(ended -> ended != null ? Future.succeededFuture(JobService.json(ended))
        : cancelElsewhere(owner, token, attempt + 1));
    });
  }

  /** Removes a confirmed job's entry. */
  Future<Void> forget(String token) {
    return dir.remove(token);
  }

  /** Whether {@code user} may follow {@code token}'s events: a busy job of theirs anywhere in the cluster. */
  Future<Boolean> isBusyJobOf(String token, String user) {
    return lookup(token).map(j -> j != null && !j.finished() && java.util.Objects.equals(j.owner, user));
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return JobCalls.request(vertx, address, body, 30_000);
  }

  private void onNodeRequest(Message<JsonObject> m) {
    JsonObject b = m.body();
    String owner = b.getString("owner");
    String token = b.getString("token");
    switch (b.getString("action", "")) {
      case "confirm":
        JobCalls.answer(m, JobCalls.guarded(() -> service.confirmHere(owner, token)));
        break;
      case "cancel":
        JobCalls.answer(m, JobCalls.guarded(() -> service.cancelHere(owner, token)));
        break;
      default:
        m.fail(ErrorCode.INVALID_FRAME.code(), ErrorCode.INVALID_FRAME.id() + ": unknown action");
    }
  }

  private void onRunRequest(Message<JsonObject> m) {
    JsonObject b = m.body();
    switch (b.getString("action", "")) {
      case "submit":
        JobCalls.answer(m, JobCalls.guarded(() -> service.submitHere(b.getString("owner"), b.getString("command"), b.getString("token"),
          b.getJsonObject("args"))));
        break;
      case "adopt":
        JobCalls.answer(m, JobCalls.guarded(() -> adoption.adoptHere(b.getJsonObject("entry"))));
        break;
      default:
        m.fail(ErrorCode.INVALID_FRAME.code(), ErrorCode.INVALID_FRAME.id() + ": unknown action");
    }
  }

  /** A member left: the oldest member adopts the busy jobs of every node that is gone. */
  void nodeLeft() {
    adoption.nodeLeft();
  }
}
