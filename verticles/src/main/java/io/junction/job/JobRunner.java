package io.junction.job;

import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the busy jobs of a node run: each command's queue, its handler's job threads within the command's
 * concurrency or its remote workers' free slots, timeouts, cancels, and the store write and event of every end.
 * The {@link JobService} takes requests and hands accepted jobs over. Thread-safe: state is guarded by this object.
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  /** Header of messages the hub sends a worker: {@value #OFFER} or {@value #CANCEL}. */
  static final String JOB_HEADER = JobService.JOB_HEADER;
  static final String OFFER = JobService.OFFER;
  static final String CANCEL = JobService.CANCEL;

  private final Vertx vertx;
  private final JobStore store;
  private final JobSettings settings;
  private final Map<String, JobHandler> handlers = new HashMap<>();
  private final Map<String, ActiveJob> active = new HashMap<>();
  private final Map<String, ArrayDeque<ActiveJob>> queues = new HashMap<>();
  private final Map<String, Integer> running = new HashMap<>();
  private final Map<String, Integer> reserved = new HashMap<>();
  private final ExecutorService threads;
  private final Workers workers = new Workers();
  private volatile JobService.Offers offers = (worker, headers, body) -> { };
  private volatile Recorder recorder = (job, retryable) -> Future.succeededFuture();
  private volatile Runnable commandsChanged = () -> { };

  /**
   * Told of every state of a busy or ended job once the store has it, before its event is published (the
   * cluster's directory); {@code retryable}: the job may run again elsewhere if this node is lost.
   */
  interface Recorder {
    Future<Void> record(Job job, boolean retryable);
  }

  JobRunner(Vertx vertx, JobStore store, JobSettings settings, List<JobHandler> handlers) {
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
    for (JobHandler h : handlers) {
      this.handlers.put(h.command(), h);
    }
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "junction-job-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The state of the busy job {@code token} of this node, or {@code null}. */
  synchronized Job busyJob(String token) {
    ActiveJob a = token == null ? null : active.get(token);
    return a == null ? null : a.job;
  }

  /** The node's own handler of {@code command}, or {@code null}. */
  synchronized JobHandler localHandler(String command) {
    return handlers.get(command);
  }

  /** A job just stored as busy (its queue slot reserved): queue it, tell its followers, start what can start. */
  void accept(Job job, JobHandler handler) {
    synchronized (this) {
      unreserve(job.command);
      ActiveJob a = new ActiveJob(job, handler, this);
      active.put(job.token, a);
      queues.computeIfAbsent(job.command, c -> new ArrayDeque<>()).add(a);
    }
    publish(job);
    dispatch(job.command);
  }

  /** A job found busy in the store at start, to run again (no event: nothing changed). */
  synchronized void resume(Job job, JobHandler handler) {
    ActiveJob a = new ActiveJob(job, handler, this);
    active.put(job.token, a);
    queues.computeIfAbsent(job.command, c -> new ArrayDeque<>()).add(a);
  }

  /** Cancels the busy job {@code token}; {@code null} when this node has no such busy job. */
  Future<JsonObject> cancel(String token) {
    ActiveJob a;
    synchronized (this) {
      a = active.get(token);
    }
    return a == null ? null : end(a, "cancelled");
  }

  /** A report of progress from a running job's handler or worker: stored and published, unless it ended. */
  void progress(ActiveJob a, JsonObject progress) {
    Job updated;
    synchronized (this) {
      if (a.cancelled || a.ending != null) {
        return; // a late report after the end changes nothing
      }
      updated = a.job.withProgress(progress.encode(), System.currentTimeMillis());
      a.job = updated;
    }
    boolean retryable = a.retryable;
    Future.fromCompletionStage(store.update(updated))
      .compose(stored -> stored ? recorder.record(updated, retryable) : Future.succeededFuture())
      .onComplete(ar -> publish(updated));
  }

  /** Stops the job threads; their jobs stay busy in the store for the next start to settle. */
  void close() {
    threads.shutdownNow();
  }

  /** The local handler of {@code command} (args checked), or {@code null} when only workers run it. */
  synchronized JobHandler handler(String command, JsonObject args) {
    JobHandler h = handlers.get(command);
    if (h == null) {
      if (workers.take(command)) {
        return null;
      }
      throw new BridgeException(ErrorCode.BAD_COMMAND, "no handler or worker for the command " + command);
    }
    try {
      h.check(args);
    } catch (IllegalArgumentException e) {
      throw new BridgeException(ErrorCode.BAD_COMMAND, "invalid arguments for " + command + ": " + e.getMessage());
    }
    return h;
  }

  synchronized void reserve(String command) {
    JobSettings.Limits limits = settings.of(command);
    int waiting = queues.getOrDefault(command, new ArrayDeque<>()).size() + reserved.getOrDefault(command, 0);
    if (waiting >= limits.queue) {
      throw new BridgeException(ErrorCode.QUEUE_FULL, waiting + " jobs of " + command + " wait already (jobs queue)");
    }
    reserved.merge(command, 1, Integer::sum);
  }

  /** Reserves a queue slot beyond the limit: for a job adopted from a node that left, which must run somewhere. */
  synchronized void reserveAnyway(String command) {
    reserved.merge(command, 1, Integer::sum);
  }

  /** Writes {@code job}'s state to the recorder (the cluster's directory), as after a stored transition. */
  Future<Void> record(Job job, boolean retryable) {
    return recorder.record(job, retryable);
  }

  synchronized void unreserve(String command) {
    reserved.merge(command, -1, Integer::sum);
  }

  /**
   * Starts waiting jobs of {@code command} while there is room: on this node's handler within the command's
   * concurrency, or else on a remote worker with a free slot.
   */
  void dispatch(String command) {
    while (true) {
      ActiveJob a;
      Workers.Worker w = null;
      java.util.concurrent.CompletableFuture<Void> recorded = new java.util.concurrent.CompletableFuture<>();
      synchronized (this) {
        ArrayDeque<ActiveJob> q = queues.get(command);
        if (q == null || q.isEmpty()) {
          return;
        }
        JobHandler h = handlers.get(command);
        int now = running.getOrDefault(command, 0);
        if (h != null) {
          if (now >= settings.of(command).concurrency) {
            return;
          }
        } else {
          w = workers.free(command);
          if (w == null) {
            return;
          }
        }
        a = q.poll();
        running.put(command, now + 1);
        a.job = a.job.started(System.currentTimeMillis());
        if (w != null) {
          w.running++;
          a.worker = w.id;
          a.retryable = w.retryable;
        }
        if (a.retryable) {
          recorded.complete(null);
        }
        if (w == null) {
          a.thread = threads.submit(() -> {
            if (awaited(recorded)) {
              run(a);
            }
          });
        }
        long timeout = settings.of(command).timeoutSeconds * 1000L;
        a.timer = vertx.setTimer(timeout, t -> end(a, "timeout"));
      }
      Job started = a.job;
      if (recorded.isDone()) {
        store.update(started);
      } else {
        // not retryable: the cluster must know it started before it does, or a crash right now would have it run
        // again elsewhere
        Future.fromCompletionStage(store.update(started)).compose(v -> recorder.record(started, false))
          .onComplete(ar -> {
            if (ar.failed()) {
              log.warn("job {}: the cluster's directory missed its start: {}", started.token, ar.cause().toString());
            }
            recorded.complete(null);
          });
      }
      if (w != null) {
        String worker = w.id;
        ActiveJob offered = a;
        recorded.thenRun(() -> {
          if (!offered.cancelled) {
            offers.send(worker, Map.of(JOB_HEADER, OFFER), new JsonObject().put("token", offered.job.token)
              .put("command", offered.job.command).put("args", offered.args));
          }
        });
      }
    }
  }

  /** Waits on a job thread until the job's start is recorded; false when the job ended meanwhile (interrupted). */
  private static boolean awaited(java.util.concurrent.CompletableFuture<Void> recorded) {
    try {
      recorded.get();
      return true;
    } catch (InterruptedException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true; // never completed exceptionally
    }
  }

  /**
   * Registers connection {@code worker} for {@code commands}, with {@code capacity} jobs at once per command;
   * {@code retryable}: its jobs may run again elsewhere when it disconnects.
   */
  JsonObject work(String worker, List<String> commands, int capacity, boolean retryable) {
    synchronized (this) {
      workers.register(worker, commands, capacity, retryable);
    }
    log.info("worker {} takes {} ({} at once{})", worker, commands, capacity, retryable ? ", retryable" : "");
    commandsChanged.run();
    commands.forEach(this::dispatch);
    return new JsonObject().put("worker", worker).put("commands", new io.vertx.core.json.JsonArray(commands))
      .put("capacity", capacity);
  }

  /**
   * A worker reports on a job it was offered: {@code progress} (an object), {@code done} (the response) or
   * {@code fail} (the reason). Fails with {@code unknown_token} when the job is not this worker's (any more).
   */
  Future<JsonObject> report(String worker, String kind, String token, Object value) {
    ActiveJob a;
    synchronized (this) {
      a = token == null ? null : active.get(token);
    }
    if (a == null || !worker.equals(a.worker) || a.cancelled) {
      return JobService.unknown(token);
    }
    switch (kind) {
      case "progress":
        a.progress(value instanceof JsonObject ? (JsonObject) value : new JsonObject().put("value", value));
        return Future.succeededFuture(JobService.json(a.job));
      case "done":
        return finish(a, a.job.succeeded(Json.encode(value), System.currentTimeMillis()));
      default:
        return finish(a, a.job.aborted(value == null ? "the worker failed" : String.valueOf(value), System.currentTimeMillis()));
    }
  }

  /** A worker's connection closed: its jobs run again elsewhere when retryable, else end aborted/worker_lost. */
  void workerGone(String worker) {
    List<ActiveJob> lost = new java.util.ArrayList<>();
    Workers.Left left;
    synchronized (this) {
      left = workers.remove(worker);
      if (left.commands.isEmpty()) {
        return;
      }
      for (ActiveJob a : active.values()) {
        if (worker.equals(a.worker) && a.ending == null) {
          lost.add(a);
        }
      }
      if (left.retryable) {
        for (ActiveJob a : lost) {
          vertx.cancelTimer(a.timer);
          a.worker = null;
          running.merge(a.job.command, -1, Integer::sum);
          queues.computeIfAbsent(a.job.command, c -> new ArrayDeque<>()).addFirst(a);
        }
      }
    }
    log.info("worker {} left with {} running jobs ({})", worker, lost.size(), left.retryable ? "offered again" : "aborted");
    commandsChanged.run();
    if (!left.retryable) {
      for (ActiveJob a : lost) {
        a.cancelled = true;
        finish(a, a.job.aborted("worker_lost", System.currentTimeMillis()));
      }
    }
    left.commands.forEach(this::dispatch);
  }

  private void run(ActiveJob a) {
    Object result;
    try {
      result = a.handler.run(a);
    } catch (InterruptedException e) {
      return; // cancelled or timed out: the job already ended
    } catch (Exception | Error e) {
      if (!a.cancelled) {
        finish(a, a.job.aborted(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), System.currentTimeMillis()));
      }
      return;
    }
    if (!a.cancelled) {
      String response;
      try {
        response = Json.encode(result);
      } catch (RuntimeException e) {
        finish(a, a.job.aborted("the response is not JSON: " + e.getMessage(), System.currentTimeMillis()));
        return;
      }
      finish(a, a.job.succeeded(response, System.currentTimeMillis()));
    }
  }

  /** Ends a busy job now with {@code reason} (cancel, timeout): its thread is told and interrupted. */
  private Future<JsonObject> end(ActiveJob a, String reason) {
    a.cancelled = true;
    synchronized (this) {
      if (a.thread != null) {
        a.thread.cancel(true);
      }
    }
    return finish(a, a.job.aborted(reason, System.currentTimeMillis()));
  }

  /** Stores the final state, then publishes it and makes room for the next job. Only the first end counts. */
  private Future<JsonObject> finish(ActiveJob a, Job done) {
    boolean wasQueued;
    synchronized (this) {
      if (a.ending != null) {
        return a.ending;
      }
      wasQueued = a.thread == null && a.worker == null;
      if (wasQueued) {
        ArrayDeque<ActiveJob> q = queues.get(done.command);
        if (q != null) {
          q.remove(a);
        }
      }
      if (a.timer >= 0) {
        vertx.cancelTimer(a.timer);
      }
      String worker = a.worker;
      if (worker != null) {
        workers.release(done.command, worker);
        if (a.cancelled) {
          offers.send(worker, Map.of(JOB_HEADER, CANCEL), new JsonObject().put("token", done.token).put("reason", done.reason));
        }
      }
      boolean retryable = a.retryable;
      a.ending = Future.fromCompletionStage(store.update(done)).compose(v -> recorder.record(done, retryable)
        .otherwise(e -> {
          log.warn("job {}: the cluster's directory missed its end: {}", done.token, e.toString());
          return null;
        })).map(v -> {
        synchronized (this) {
          active.remove(done.token);
          a.job = done;
          if (!wasQueued) {
            running.merge(done.command, -1, Integer::sum);
          }
        }
        publish(done);
        dispatch(done.command);
        return JobService.json(done);
      });
      a.ending.onFailure(e -> log.error("job {}: could not store its end ({}); it stays busy until the node restarts", done.token, e.toString()));
      return a.ending;
    }
  }

  void publish(Job job) {
    vertx.eventBus().publish(JobService.EVENTS + job.token, JobService.json(job));
  }

  /** Whether {@code token} is a busy job of this node submitted by {@code user} (whose events one may follow). */
  synchronized boolean isBusyJobOf(String token, String user) {
    ActiveJob a = active.get(token);
    return a != null && Objects.equals(a.job.owner, user);
  }

  /** For tests and health: busy jobs on this node. */
  synchronized int busy() {
    return active.size();
  }

  /** The commands this node runs: its handlers' and its workers'. */
  synchronized java.util.Set<String> commands() {
    java.util.Set<String> all = new java.util.TreeSet<>(handlers.keySet());
    workers.commands(all);
    return all;
  }

  /** Where offers to workers go (set by the bridge core, which reaches connections). */
  void offers(JobService.Offers offers) {
    this.offers = offers;
  }

  void recorder(Recorder recorder) {
    this.recorder = recorder;
  }

  /** Runs when the set of {@link #commands()} may have changed (workers came or went). */
  void onCommandsChanged(Runnable r) {
    this.commandsChanged = r;
  }
}
