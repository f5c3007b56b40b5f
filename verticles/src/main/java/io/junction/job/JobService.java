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
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The jobs of one node: submit (durable before {@code busy} is answered), status, confirm, cancel; running them
 * with their handlers on job threads within each command's concurrency, queue and timeout; every status change
 * stored, then published on {@code jobs.<token>}. After a restart, jobs that were busy run again when their
 * command is retryable and end {@code aborted} with reason {@code node_restarted} otherwise. Thread-safe: the
 * in-memory state is guarded by this object; futures complete on the store's thread.
 */
public final class JobService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  /** Tokens clients may choose: they become part of an address. */
  public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
  public static final String EVENTS = "jobs.";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A busy job of this node: waiting in its command's queue, or running. */
  private final class Active implements JobContext {
    volatile Job job;
    final JobHandler handler;
    final JsonObject args;
    volatile boolean cancelled;
    java.util.concurrent.Future<?> thread;
    /** The remote worker running it (its connection id), or {@code null}. */
    String worker;
    long timer = -1;
    Future<JsonObject> ending;

    Active(Job job, JobHandler handler) {
      this.job = job;
      this.handler = handler;
      this.args = job.args == null ? new JsonObject() : new JsonObject(job.args);
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
      if (cancelled) {
        return;
      }
      job = job.withProgress(progress.encode(), System.currentTimeMillis());
      store.update(job);
      publish(job);
    }

    @Override
    public boolean cancelled() {
      return cancelled;
    }
  }

  private final Vertx vertx;
  private final JobStore store;
  private final JobSettings settings;
  private final Map<String, JobHandler> handlers = new HashMap<>();
  private final Map<String, Active> active = new HashMap<>();
  private final Map<String, ArrayDeque<Active>> queues = new HashMap<>();
  private final Map<String, Integer> running = new HashMap<>();
  private final Map<String, Integer> reserved = new HashMap<>();
  private final ExecutorService threads;
  /** Remote workers by command, then by connection id, in registration order. */
  private final Map<String, Map<String, Worker>> workers = new HashMap<>();
  private volatile Offers offers = (worker, headers, body) -> { };

  /** One remote worker's registration for one command. */
  private static final class Worker {
    final String id;
    final int capacity;
    final boolean retryable;
    int running;

    Worker(String id, int capacity, boolean retryable) {
      this.id = id;
      this.capacity = capacity;
      this.retryable = retryable;
    }
  }

  /** How jobs reach remote workers: a message to the worker's connection. */
  public interface Offers {
    void send(String worker, Map<String, String> headers, JsonObject body);
  }

  /** Header of messages the hub sends a worker: {@value #OFFER} or {@value #CANCEL}. */
  public static final String JOB_HEADER = "junction.job";
  public static final String OFFER = "offer";
  public static final String CANCEL = "cancel";
  private long expiryTimer = -1;

  public JobService(Vertx vertx, JobStore store, JobSettings settings, List<JobHandler> handlers) {
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

  /** The commands this node runs: its handlers' and its workers'. */
  public synchronized java.util.Set<String> commands() {
    java.util.Set<String> all = new java.util.TreeSet<>(handlers.keySet());
    workers.forEach((command, ws) -> {
      if (!ws.isEmpty()) {
        all.add(command);
      }
    });
    return all;
  }

  /** Where offers to workers go (set by the bridge core, which reaches connections). */
  public void offers(Offers offers) {
    this.offers = offers;
  }

  /**
   * Takes over what the store holds from before: busy jobs run again (retryable) or end {@code aborted} with
   * {@code node_restarted}; then finished jobs expire every minute.
   */
  public Future<Void> start() {
    return Future.fromCompletionStage(store.withStatus(Job.BUSY)).compose(busy -> {
      long now = System.currentTimeMillis();
      List<Future<?>> done = new java.util.ArrayList<>();
      for (Job job : busy) {
        JobHandler h;
        synchronized (this) {
          h = handlers.get(job.command);
        }
        if (h != null && h.retryable()) {
          log.info("job {} ({}) was busy when the node stopped: running it again", job.token, job.command);
          synchronized (this) {
            Active a = new Active(job, h);
            active.put(job.token, a);
            queues.computeIfAbsent(job.command, c -> new ArrayDeque<>()).add(a);
          }
        } else {
          log.info("job {} ({}) was busy when the node stopped and is not retryable: aborted", job.token, job.command);
          Job aborted = job.aborted("node_restarted", now);
          done.add(Future.fromCompletionStage(store.update(aborted)).onSuccess(v -> publish(aborted)));
        }
      }
      return Future.all(done).onSuccess(v -> {
        for (String command : commands()) {
          dispatch(command);
        }
        expiryTimer = vertx.setPeriodic(60_000, t -> expire());
      }).mapEmpty();
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
    if (command == null || command.isEmpty()) {
      return Future.failedFuture(new BridgeException(ErrorCode.BAD_COMMAND, "the body needs \"command\""));
    }
    if (token != null && !TOKEN.matcher(token).matches()) {
      return Future.failedFuture(new BridgeException(ErrorCode.INVALID_FRAME,
        "a token is 1 to 128 letters, digits, '_', '.', ':' or '-'"));
    }
    String t = token == null ? newToken() : token;
    JsonObject a = args == null ? new JsonObject() : args;
    synchronized (this) {
      Active known = active.get(t);
      if (known != null) {
        return Future.succeededFuture(existing(known.job, owner, command));
      }
    }
    return Future.fromCompletionStage(store.get(t)).compose(stored -> {
      if (stored.isPresent()) {
        return Future.succeededFuture(existing(stored.get(), owner, command));
      }
      JobHandler h = handler(command, a);
      reserve(command);
      Job job = Job.submitted(t, command, owner, a.encode(), System.currentTimeMillis());
      return Future.fromCompletionStage(store.insert(job)).transform(ar -> {
        if (ar.failed()) {
          unreserve(command);
          if (ar.cause() instanceof SQLException && ar.cause().getMessage().contains("UNIQUE")) {
            return Future.fromCompletionStage(store.get(t)).map(again -> existing(again.orElseThrow(), owner, command));
          }
          return Future.failedFuture(ar.cause());
        }
        synchronized (this) {
          unreserve(command);
          Active added = new Active(job, h);
          active.put(t, added);
          queues.computeIfAbsent(command, c -> new ArrayDeque<>()).add(added);
        }
        publish(job);
        dispatch(command);
        return Future.succeededFuture(json(job));
      });
    });
  }

  /** The local handler of {@code command} (args checked), or {@code null} when only workers run it. */
  private synchronized JobHandler handler(String command, JsonObject args) {
    JobHandler h = handlers.get(command);
    if (h == null) {
      if (!workers.getOrDefault(command, Map.of()).isEmpty()) {
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

  private synchronized void reserve(String command) {
    JobSettings.Limits limits = settings.of(command);
    int waiting = queues.getOrDefault(command, new ArrayDeque<>()).size() + reserved.getOrDefault(command, 0);
    if (waiting >= limits.queue) {
      throw new BridgeException(ErrorCode.QUEUE_FULL, waiting + " jobs of " + command + " wait already (jobs queue)");
    }
    reserved.merge(command, 1, Integer::sum);
  }

  private synchronized void unreserve(String command) {
    reserved.merge(command, -1, Integer::sum);
  }

  /** The answer to a submit of a token that exists: its status, if it is the same user's same command. */
  private static JsonObject existing(Job job, String owner, String command) {
    if (!Objects.equals(job.owner, owner) || !job.command.equals(command)) {
      throw new BridgeException(ErrorCode.TOKEN_CONFLICT, "the token belongs to another job");
    }
    return json(job);
  }

  /** {@code {"token","command","status","finished","progress"?,"response"?,"reason"?}}. Fails with {@code unknown_token}. */
  public Future<JsonObject> status(String owner, String token) {
    return find(owner, token).map(JobService::json);
  }

  private Future<Job> find(String owner, String token) {
    Active a;
    synchronized (this) {
      a = token == null ? null : active.get(token);
    }
    if (a != null) {
      return Objects.equals(a.job.owner, owner) ? Future.succeededFuture(a.job) : unknown(token);
    }
    if (token == null || !TOKEN.matcher(token).matches()) {
      return unknown(token);
    }
    return Future.fromCompletionStage(store.get(token)).compose(stored ->
      stored.filter(j -> Objects.equals(j.owner, owner)).map(Future::succeededFuture).orElseGet(() -> unknown(token)));
  }

  private static <T> Future<T> unknown(String token) {
    return Future.failedFuture(new BridgeException(ErrorCode.UNKNOWN_TOKEN, "no job " + token));
  }

  /** Forgets a finished job: {@code {"token","confirmed":true}}. Fails with {@code job_not_finished}, {@code unknown_token}. */
  public Future<JsonObject> confirm(String owner, String token) {
    return find(owner, token).compose(job -> {
      if (!job.finished()) {
        return Future.failedFuture(new BridgeException(ErrorCode.JOB_NOT_FINISHED, "job " + token + " is still busy"));
      }
      return Future.fromCompletionStage(store.delete(token))
        .map(deleted -> new JsonObject().put("token", token).put("confirmed", true));
    });
  }

  /** Cancels a busy job (it ends {@code aborted}, reason {@code cancelled}); a finished one keeps its status. */
  public Future<JsonObject> cancel(String owner, String token) {
    return find(owner, token).compose(job -> {
      Active a;
      synchronized (this) {
        a = active.get(token);
      }
      if (a == null || job.finished()) {
        return Future.succeededFuture(json(job));
      }
      return end(a, "cancelled");
    });
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

  /**
   * Starts waiting jobs of {@code command} while there is room: on this node's handler within the command's
   * concurrency, or else on a remote worker with a free slot.
   */
  private void dispatch(String command) {
    while (true) {
      Active a;
      Worker w = null;
      synchronized (this) {
        ArrayDeque<Active> q = queues.get(command);
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
          w = freeWorker(command);
          if (w == null) {
            return;
          }
        }
        a = q.poll();
        running.put(command, now + 1);
        a.job = a.job.started(System.currentTimeMillis());
        if (w == null) {
          a.thread = threads.submit(() -> run(a));
        } else {
          w.running++;
          a.worker = w.id;
        }
        long timeout = settings.of(command).timeoutSeconds * 1000L;
        a.timer = vertx.setTimer(timeout, t -> end(a, "timeout"));
      }
      store.update(a.job);
      if (w != null) {
        offers.send(w.id, Map.of(JOB_HEADER, OFFER), new JsonObject().put("token", a.job.token)
          .put("command", a.job.command).put("args", a.args));
      }
    }
  }

  /** The worker of {@code command} with the most free slots (the first registered among equals), or null. */
  private Worker freeWorker(String command) {
    Worker best = null;
    for (Worker w : workers.getOrDefault(command, Map.of()).values()) {
      if (w.running < w.capacity && (best == null || w.capacity - w.running > best.capacity - best.running)) {
        best = w;
      }
    }
    return best;
  }

  /**
   * Registers connection {@code worker} for {@code commands}, with {@code capacity} jobs at once per command;
   * {@code retryable}: its jobs may run again elsewhere when it disconnects.
   */
  public JsonObject work(String worker, List<String> commands, int capacity, boolean retryable) {
    synchronized (this) {
      for (String c : commands) {
        workers.computeIfAbsent(c, k -> new java.util.LinkedHashMap<>()).put(worker, new Worker(worker, capacity, retryable));
      }
    }
    log.info("worker {} takes {} ({} at once{})", worker, commands, capacity, retryable ? ", retryable" : "");
    commands.forEach(this::dispatch);
    return new JsonObject().put("worker", worker).put("commands", new io.vertx.core.json.JsonArray(commands))
      .put("capacity", capacity);
  }

  /**
   * A worker reports on a job it was offered: {@code progress} (an object), {@code done} (the response) or
   * {@code fail} (the reason). Fails with {@code unknown_token} when the job is not this worker's (any more).
   */
  public Future<JsonObject> report(String worker, String kind, String token, Object value) {
    Active a;
    synchronized (this) {
      a = token == null ? null : active.get(token);
    }
    if (a == null || !worker.equals(a.worker) || a.cancelled) {
      return unknown(token);
    }
    switch (kind) {
      case "progress":
        a.progress(value instanceof JsonObject ? (JsonObject) value : new JsonObject().put("value", value));
        return Future.succeededFuture(json(a.job));
      case "done":
        return finish(a, a.job.succeeded(Json.encode(value), System.currentTimeMillis()));
      default:
        return finish(a, a.job.aborted(value == null ? "the worker failed" : String.valueOf(value), System.currentTimeMillis()));
    }
  }

  /** A worker's connection closed: its jobs run again elsewhere when retryable, else end aborted/worker_lost. */
  public void workerGone(String worker) {
    List<Active> lost = new java.util.ArrayList<>();
    java.util.Set<String> commands = new java.util.HashSet<>();
    boolean retryable = false;
    synchronized (this) {
      for (Map.Entry<String, Map<String, Worker>> e : workers.entrySet()) {
        Worker w = e.getValue().remove(worker);
        if (w != null) {
          commands.add(e.getKey());
          retryable |= w.retryable;
        }
      }
      if (commands.isEmpty()) {
        return;
      }
      for (Active a : active.values()) {
        if (worker.equals(a.worker) && a.ending == null) {
          lost.add(a);
        }
      }
      if (retryable) {
        for (Active a : lost) {
          vertx.cancelTimer(a.timer);
          a.worker = null;
          running.merge(a.job.command, -1, Integer::sum);
          queues.computeIfAbsent(a.job.command, c -> new ArrayDeque<>()).addFirst(a);
        }
      }
    }
    log.info("worker {} left with {} running jobs ({})", worker, lost.size(), retryable ? "offered again" : "aborted");
    if (!retryable) {
      for (Active a : lost) {
        a.cancelled = true;
        finish(a, a.job.aborted("worker_lost", System.currentTimeMillis()));
      }
    }
    commands.forEach(this::dispatch);
  }

  private void run(Active a) {
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
  private Future<JsonObject> end(Active a, String reason) {
    a.cancelled = true;
    synchronized (this) {
      if (a.thread != null) {
        a.thread.cancel(true);
      }
    }
    return finish(a, a.job.aborted(reason, System.currentTimeMillis()));
  }

  /** Stores the final state, then publishes it and makes room for the next job. Only the first end counts. */
  private Future<JsonObject> finish(Active a, Job done) {
    boolean wasQueued;
    synchronized (this) {
      if (a.ending != null) {
        return a.ending;
      }
      wasQueued = a.thread == null && a.worker == null;
      if (wasQueued) {
        ArrayDeque<Active> q = queues.get(done.command);
        if (q != null) {
          q.remove(a);
        }
      }
      if (a.timer >= 0) {
        vertx.cancelTimer(a.timer);
      }
      String worker = a.worker;
      if (worker != null) {
        Worker w = workers.getOrDefault(done.command, Map.of()).get(worker);
        if (w != null) {
          w.running--;
        }
        if (a.cancelled) {
          offers.send(worker, Map.of(JOB_HEADER, CANCEL), new JsonObject().put("token", done.token).put("reason", done.reason));
        }
      }
      a.ending = Future.fromCompletionStage(store.update(done)).map(v -> {
        synchronized (this) {
          active.remove(done.token);
          a.job = done;
          if (!wasQueued) {
            running.merge(done.command, -1, Integer::sum);
          }
        }
        publish(done);
        dispatch(done.command);
        return json(done);
      });
      a.ending.onFailure(e -> log.error("job {}: could not store its end ({}); it stays busy until the node restarts", done.token, e.toString()));
      return a.ending;
    }
  }

  private void publish(Job job) {
    vertx.eventBus().publish(EVENTS + job.token, json(job));
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
    threads.shutdownNow();
  }

  /** Whether {@code token} is a busy job of this node submitted by {@code user} (whose events one may follow). */
  public synchronized boolean isBusyJobOf(String token, String user) {
    Active a = active.get(token);
    return a != null && Objects.equals(a.job.owner, user);
  }

  /** For tests and health: busy jobs on this node. */
  public synchronized int busy() {
    return active.size();
  }
}
