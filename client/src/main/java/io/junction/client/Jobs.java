package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The client's side of the job service: submitting and following jobs, and running the jobs the hub offers to
 * this client's workers (registered again after every reconnect). Thread-safe.
 */
final class Jobs {

  static final String OFFER = "offer";
  static final String CANCEL = "cancel";
  static final String JOB_HEADER = "junction.job";

  /** One {@link JunctionClient#work} call: its commands, how many jobs at once, and its threads. */
  final class Registration {
    final List<String> commands;
    final int capacity;
    final boolean retryable;
    final JobWorker handler;
    final ExecutorService threads;
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    Registration(List<String> commands, int capacity, boolean retryable, JobWorker handler) {
      this.commands = commands;
      this.capacity = capacity;
      this.retryable = retryable;
      this.handler = handler;
      AtomicInteger n = new AtomicInteger();
      this.threads = Executors.newFixedThreadPool(capacity * commands.size(), r -> {
        Thread t = new Thread(r, "junction-worker-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
  }

  /** A job this client runs. */
  private final class Task implements JobTask {
    final String token;
    final String command;
    final JsonNode args;
    volatile boolean cancelled;
    volatile Future<?> thread;

    Task(JsonNode offer) {
      this.token = offer.path("token").asText();
      this.command = offer.path("command").asText();
      JsonNode a = offer.get("args");
      this.args = a == null || a.isNull() ? JsonNodeFactory.instance.objectNode() : a;
    }

    @Override
    public String token() {
      return token;
    }

    @Override
    public String command() {
      return command;
    }

    @Override
    public JsonNode args() {
      return args;
    }

    @Override
    public void progress(Object progress) {
      if (!cancelled) {
        report("hub.jobs.progress", "progress", progress);
      }
    }

    @Override
    public boolean cancelled() {
      return cancelled;
    }

    void report(String address, String field, Object value) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("token", token);
      body.put(field, value);
      client.request(address, body).whenComplete((m, e) -> {
        if (e != null && !cancelled) {
          client.callbacks().error(e instanceof JunctionException ? (JunctionException) e
            : new JunctionException(ErrorId.INTERNAL_ERROR, "job " + token + ": " + e, -1, e));
        }
      });
    }
  }

  private final JunctionClient client;
  private final List<Registration> registrations = new CopyOnWriteArrayList<>();
  private final Map<String, Task> running = new ConcurrentHashMap<>();

  Jobs(JunctionClient client) {
    this.client = client;
  }

  CompletableFuture<Job> submit(String command, String token, Object args) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("command", command);
    if (token != null) {
      body.put("token", token);
    }
    if (args != null) {
      body.put("args", args);
    }
    return client.request("hub.jobs.submit", body).thenApply(m -> new Job(client, new JobStatus(m.body())));
  }

  CompletableFuture<JobStatus> call(String address, String token) {
    return client.request(address, Collections.singletonMap("token", token)).thenApply(m -> new JobStatus(m.body()));
  }

  /** One {@link Job#result} call waiting for its job's end. */
  private final class Follow {
    final Job job;
    final Consumer<JobStatus> progress;
    final CompletableFuture<JobStatus> done = new CompletableFuture<>();
    volatile Subscription events;

    Follow(Job job, Consumer<JobStatus> progress) {
      this.job = job;
      this.progress = progress;
    }

    /** Asks the hub; subscribes to the events while the job is busy, and asks once more after subscribing. */
    void check() {
      call("hub.jobs.status", job.token()).whenComplete((s, failure) -> {
        // a stage after the failed request gets it wrapped
        Throwable e = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
        if (e != null) {
          if (!(e instanceof JunctionException) || ((JunctionException) e).errorId() != ErrorId.CONNECTION_LOST) {
            done.completeExceptionally(e);
          } // lost the connection: asked again after the reconnect
        } else if (s.finished()) {
          done.complete(s);
        } else {
          subscribe();
        }
      });
    }

    private synchronized void subscribe() {
      if (events != null || done.isDone()) {
        return;
      }
      Subscription sub = client.subscribe("jobs." + job.token(), m -> {
        JobStatus s = new JobStatus(m.body());
        if (s.finished()) {
          done.complete(s);
        } else if (progress != null && !done.isDone()) {
          progress.accept(s);
        }
      });
      events = sub;
      // the job may have ended before the subscription was in place: ask once more
      sub.ready().handle((v, refused) -> call("hub.jobs.status", job.token())).thenCompose(f -> f)
        .whenComplete((again, err) -> {
          if (err == null && again.finished()) {
            done.complete(again);
          }
        });
    }

    /** Disconnected: drop the subscription (the job may end meanwhile; the reconnect asks again). */
    synchronized void pause() {
      Subscription sub = events;
      events = null;
      if (sub != null) {
        sub.unsubscribe();
      }
    }
  }

  private final java.util.Set<Follow> follows = ConcurrentHashMap.newKeySet();

  CompletableFuture<JobStatus> follow(Job job, Consumer<JobStatus> progress) {
    Follow f = new Follow(job, progress);
    follows.add(f);
    f.done.whenComplete((s, e) -> {
      follows.remove(f);
      f.pause();
    });
    f.check();
    return f.done;
  }

  /** Reconnected (subscriptions and workers are back): every job followed is asked about again. */
  void reconnected() {
    for (Follow f : follows) {
      f.check();
    }
  }

  /** Registers a worker; sent now when connected, and again after every reconnect. */
  Registration work(List<String> commands, int capacity, boolean retryable, JobWorker handler) {
    Registration r = new Registration(new ArrayList<>(commands), capacity, retryable, handler);
    registrations.add(r);
    Link l = client.link();
    if (l != null) {
      register(r, l);
    }
    return r;
  }

  private CompletableFuture<Message> register(Registration r, Link l) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("commands", r.commands);
    body.put("capacity", r.capacity);
    body.put("retryable", r.retryable);
    return client.controlCall(l, "hub.jobs.work", body).whenComplete((m, e) -> {
      if (e == null) {
        r.ready.complete(null);
      } else if (e instanceof JunctionException && ((JunctionException) e).errorId() != ErrorId.CONNECTION_LOST) {
        r.ready.completeExceptionally(e);
        client.callbacks().error((JunctionException) e);
      }
    });
  }

  /** After a reconnect, before user traffic: the workers register again. */
  void reregister(Link l, long timeoutMs) {
    List<CompletableFuture<Message>> answers = new ArrayList<>();
    for (Registration r : registrations) {
      answers.add(register(r, l));
    }
    try {
      CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception someFailed) {
      // each failure was reported on its own
    }
  }

  /** The connection is lost: the hub settles the jobs this client ran (again elsewhere, or worker_lost). */
  void disconnected() {
    for (Follow f : follows) {
      f.pause();
    }
    for (Task t : running.values()) {
      t.cancelled = true;
      Future<?> f = t.thread;
      if (f != null) {
        f.cancel(true);
      }
    }
    running.clear();
  }

  /** A message from the hub to this connection with the {@code junction.job} header, on the reader thread. */
  void fromHub(Message m) {
    String kind = m.headers().get(JOB_HEADER);
    JsonNode body = m.body();
    if (CANCEL.equals(kind)) {
      Task t = running.remove(body.path("token").asText());
      if (t != null) {
        t.cancelled = true;
        Future<?> f = t.thread;
        if (f != null) {
          f.cancel(true);
        }
      }
      return;
    }
    Task task = new Task(body);
    Registration r = registrationOf(task.command);
    if (r == null) {
      task.report("hub.jobs.fail", "reason", "this worker has no handler for " + task.command);
      return;
    }
    running.put(task.token, task);
    try {
      task.thread = r.threads.submit(() -> run(r, task));
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      running.remove(task.token); // the client is closing: the hub settles the job when the connection ends
    }
  }

  private Registration registrationOf(String command) {
    for (Registration r : registrations) {
      if (r.commands.contains(command)) {
        return r;
      }
    }
    return null;
  }

  private void run(Registration r, Task task) {
    Object result;
    try {
      result = r.handler.run(task);
    } catch (Exception | Error e) {
      if (!task.cancelled) {
        running.remove(task.token);
        task.report("hub.jobs.fail", "reason", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
      return;
    }
    if (!task.cancelled) {
      running.remove(task.token);
      task.report("hub.jobs.done", "response", result);
    }
  }

  /**
   * The client closes: no new jobs start; running ones get up to {@code waitMs} to finish and queue their reports
   * (which the closing client then writes), then their threads are interrupted.
   */
  void close(long waitMs) {
    for (Registration r : registrations) {
      r.threads.shutdown();
    }
    long deadline = System.currentTimeMillis() + waitMs;
    for (Registration r : registrations) {
      try {
        r.threads.awaitTermination(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      r.threads.shutdownNow();
    }
  }
}
