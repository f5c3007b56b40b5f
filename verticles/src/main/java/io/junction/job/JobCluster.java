package io.junction.job;

import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
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

  private static final Logger log = LoggerFactory.getLogger(JobCluster.class);
  /** Prefix of the addresses of the nodes that run a command (cluster-internal; clients cannot send there). */
  static final String RUN = "hub.jobs.run.";
  /** Prefix of a node's address for requests about the jobs whose home it is (cluster-internal). */
  static final String NODE = "hub.jobs.node.";
  /** How many entries one directory read asks for at start. */
  private static final int CHUNK = 500;

  private final Vertx vertx;
  private final JobDirectory dir;
  private final JobStore store;
  private final JobSettings settings;
  private final JobRunner runner;
  private final JobService service;
  private final Map<String, MessageConsumer<JsonObject>> runs = new HashMap<>();
  private MessageConsumer<JsonObject> node;
  private volatile boolean started;
  private volatile boolean closed;
  private long sweeper = -1;
  /** How often the oldest member looks again for busy jobs of nodes that are gone (a missed or failed adoption). */
  private static final long SWEEP_MS = 30_000;
  /** Tokens being adopted by this node now: two members leaving at once must not adopt one job twice. */
  private final Set<String> adopting = java.util.concurrent.ConcurrentHashMap.newKeySet();

  JobCluster(Vertx vertx, JobDirectory dir, JobStore store, JobSettings settings, JobRunner runner, JobService service) {
    this.vertx = vertx;
    this.dir = dir;
    this.store = store;
    this.settings = settings;
    this.runner = runner;
    this.service = service;
    runner.recorder(this::record);
    runner.onCommandsChanged(() -> vertx.runOnContext(v -> listen()));
  }

  // ---- entries

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

  private static boolean tombstone(JsonObject e) {
    return e != null && e.getBoolean("confirmed", false);
  }

  /** Finished entries go away with the job's expiry; busy ones stay. */
  private long ttl(Job job) {
    return job.finished() ? settings.expireSeconds : 0;
  }

  private Future<Void> record(Job job, boolean retryable) {
    return dir.put(job.token, entry(job, retryable), ttl(job));
  }

  // ---- start

  /**
   * Settles this node's store with the directory before its jobs run again: jobs the cluster adopted or confirmed
   * while the node was away are dropped, the others are this node's again. The busy jobs that stay are the result.
   * After a restart of the whole cluster the directory is empty and the store is the truth.
   */
  Future<List<Job>> reconcile() {
    Future<String> epoch = dir.epoch();
    Future<String> mine = Future.fromCompletionStage(store.meta(EPOCH));
    return Future.all(epoch, mine).compose(f -> {
      boolean sameEpoch = epoch.result().equals(mine.result());
      return reconcile(sameEpoch).compose(busy -> Future.fromCompletionStage(store.meta(EPOCH, epoch.result())).map(busy));
    });
  }

  /** The key under which the store keeps the epoch of the cluster it last ran in. */
  private static final String EPOCH = "cluster_epoch";

  /** @param sameEpoch the directory has lived since this node last ran: a job missing there was settled elsewhere */
  private Future<List<Job>> reconcile(boolean sameEpoch) {
    return Future.fromCompletionStage(store.all()).compose(all -> {
      List<Future<List<Job>>> chunks = new ArrayList<>();
      for (int i = 0; i < all.size(); i += CHUNK) {
        List<Job> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
        List<String> tokens = new ArrayList<>();
        chunk.forEach(j -> tokens.add(j.token));
        chunks.add(dir.getAll(tokens).compose(entries -> {
          List<Future<Job>> each = new ArrayList<>();
          for (Job j : chunk) {
            each.add(settle(j, entries.get(j.token), sameEpoch));
          }
          return Future.all(each).map(f -> busy(each));
        }));
      }
      return Future.all(chunks).map(f -> {
        List<Job> busy = new ArrayList<>();
        chunks.forEach(c -> busy.addAll(c.result()));
        return busy;
      });
    });
  }

  private static List<Job> busy(List<Future<Job>> settled) {
    List<Job> busy = new ArrayList<>();
    for (Future<Job> f : settled) {
      if (f.result() != null && !f.result().finished()) {
        busy.add(f.result());
      }
    }
    return busy;
  }

  /** One stored job against its entry; the future holds the job if it stays this node's, else null. */
  private Future<Job> settle(Job local, JsonObject e, boolean sameEpoch) {
    if (tombstone(e) || e != null && !store.id().equals(e.getString("home")) || e == null && sameEpoch) {
      log.info("job {} was {} while this node was away: dropped here", local.token,
        tombstone(e) ? "confirmed" : e != null ? "adopted by another node" : "confirmed or expired on another node");
      return Future.fromCompletionStage(store.delete(local.token)).map(d -> null);
    }
    // it may have ended while this node was away (cancelled from another node)
    Job settled = e != null && !local.finished() && !Job.BUSY.equals(e.getString("status")) ? job(e) : local;
    JobHandler h = runner.localHandler(local.command);
    JsonObject now = entry(settled, h != null && h.retryable());
    if (e == null) {
      // after every node stopped: the first home to write a token keeps it (another may hold a copy it adopted)
      return dir.claim(local.token, now).compose(other -> {
        if (other != null) {
          return settle(local, other, sameEpoch);
        }
        return settled.finished() ? dir.put(local.token, now, ttl(settled)).map(settled) : Future.succeededFuture(settled);
      });
    }
    return dir.replace(local.token, e, now, ttl(settled)).compose(ok -> {
      if (!ok) {
        return dir.get(local.token).compose(again -> settle(local, again, sameEpoch));
      }
      return settled == local ? Future.succeededFuture(settled)
        : Future.fromCompletionStage(store.put(settled)).map(settled);
    });
  }

  /** Listens for requests about this node's jobs and for the commands it runs; adopts what dead nodes left. */
  Future<Void> start() {
    node = vertx.eventBus().consumer(NODE + dir.nodeId(), this::onNodeRequest);
    listen();
    started = true;
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
    return dir.claim(job.token, entry(job, retryable)).map(e -> e == null ? null : job(e));
  }

  /** A submit for a command this node cannot run, handed to a node that can. */
  Future<JsonObject> forwardSubmit(String owner, String command, String token, JsonObject args) {
    JsonObject body = new JsonObject().put("action", "submit").put("owner", owner).put("command", command)
      .put("token", token).put("args", args);
    return request(RUN + command, body).recover(e -> {
      if (e instanceof ReplyException && ((ReplyException) e).failureType() == ReplyFailure.NO_HANDLERS) {
        return dir.get(token).map(entry -> {
          if (entry == null || tombstone(entry)) {
            throw new BridgeException(ErrorCode.BAD_COMMAND, "no handler or worker for the command " + command);
          }
          return JobService.existing(job(entry), owner, command);
        });
      }
      return Future.failedFuture(e);
    });
  }

  /** A job of another node (or of none any more), as the directory has it; {@code null} when there is none. */
  Future<Job> lookup(String token) {
    return dir.get(token).map(e -> e == null || tombstone(e) ? null : job(e));
  }

  /** Confirms the finished job {@code token} whose home is another node, or settles it here if its home is gone. */
  Future<JsonObject> confirmElsewhere(String owner, String token) {
    return dir.get(token).compose(e -> {
      Job job = e == null || tombstone(e) ? null : job(e);
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
      Job job = e == null || tombstone(e) ? null : job(e);
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
      return endHere(e, "cancelled").compose(ended -> ended != null ? Future.succeededFuture(JobService.json(ended))
        : cancelElsewhere(owner, token, attempt + 1));
    });
  }

  /**
   * Ends the busy job of entry {@code e} (whose home is gone) here with {@code reason}: stored, then the entry
   * names this node. The future holds the ended job, or null when the entry changed meanwhile (nothing done).
   */
  private Future<Job> endHere(JsonObject e, String reason) {
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

  /** Removes a confirmed job's entry. */
  Future<Void> forget(String token) {
    return dir.remove(token);
  }

  /** Whether {@code user} may follow {@code token}'s events: a busy job of theirs anywhere in the cluster. */
  Future<Boolean> isBusyJobOf(String token, String user) {
    return lookup(token).map(j -> j != null && !j.finished() && java.util.Objects.equals(j.owner, user));
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return request(address, body, 30_000);
  }

  private Future<JsonObject> request(String address, JsonObject body, long timeoutMs) {
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

  private static void answer(Message<JsonObject> m, Future<JsonObject> f) {
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

  private static Future<JsonObject> guarded(java.util.function.Supplier<Future<JsonObject>> f) {
    try {
      return f.get();
    } catch (BridgeException e) {
      return Future.failedFuture(e);
    }
  }

  private void onNodeRequest(Message<JsonObject> m) {
    JsonObject b = m.body();
    String owner = b.getString("owner");
    String token = b.getString("token");
    switch (b.getString("action", "")) {
      case "confirm":
        answer(m, guarded(() -> service.confirmHere(owner, token)));
        break;
      case "cancel":
        answer(m, guarded(() -> service.cancelHere(owner, token)));
        break;
      default:
        m.fail(ErrorCode.INVALID_FRAME.code(), ErrorCode.INVALID_FRAME.id() + ": unknown action");
    }
  }

  private void onRunRequest(Message<JsonObject> m) {
    JsonObject b = m.body();
    switch (b.getString("action", "")) {
      case "submit":
        answer(m, guarded(() -> service.submitHere(b.getString("owner"), b.getString("command"), b.getString("token"),
          b.getJsonObject("args"))));
        break;
      case "adopt":
        answer(m, guarded(() -> adoptHere(b.getJsonObject("entry"))));
        break;
      default:
        m.fail(ErrorCode.INVALID_FRAME.code(), ErrorCode.INVALID_FRAME.id() + ": unknown action");
    }
  }

  // ---- adoption

  /** A member left: the oldest member adopts the busy jobs of every node that is gone. */
  void nodeLeft() {
    if (!started || closed || !dir.isOldest()) {
      return; // before start, this node's own old jobs may still look like a dead node's
    }
    dir.orphans().onSuccess(orphans -> orphans.forEach(e -> {
      String token = e.getString("token");
      if (adopting.add(token)) {
        adopt(e, 1).onComplete(done -> adopting.remove(token));
      }
    }))
      .onFailure(e -> log.warn("could not read the jobs of nodes that left: {}", e.toString()));
  }

  /**
   * One busy job of a node that is gone: run again here or on a node that can (if it may), else aborted with
   * {@code node_lost}. A handover is tried three times, a second apart: right after a node leaves, a request may
   * still be routed to its registrations.
   */
  private Future<Void> adopt(JsonObject e, int attempt) {
    Job job = job(e);
    if (job.attempts > 0 && !e.getBoolean("retryable", false)) {
      return lost(e);
    }
    Future<JsonObject> handed = runsHere(job.command) ? guarded(() -> adoptHere(e))
      : request(RUN + job.command, new JsonObject().put("action", "adopt").put("entry", e), 5_000);
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
    return endHere(e, "node_lost").onSuccess(ended -> {
      if (ended != null) {
        log.info("job {} ({}) was running on a node that left: aborted (node_lost)", ended.token, ended.command);
      }
    }).onFailure(x -> log.warn("job {} of a node that left could not be settled: {}", e.getString("token"), x.toString()))
      .<Void>mapEmpty().otherwiseEmpty();
  }

  /** Takes over the busy job of entry {@code e} from a node that is gone, unless another node did. */
  private Future<JsonObject> adoptHere(JsonObject e) {
    Job job = job(e);
    JobHandler h = runner.handler(job.command, job.args == null ? new JsonObject() : new JsonObject(job.args));
    boolean retryable = h == null || h.retryable();
    return dir.replace(job.token, e, entry(job, retryable), 0).compose(ok -> {
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
