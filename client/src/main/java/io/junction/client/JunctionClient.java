package io.junction.client;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection to a Junction hub over TCP, that survives real networks: it pings to find dead connections,
 * reconnects across its server list with backoff, registers its subscriptions again, and buffers what is sent
 * while disconnected (see {@link Options}).
 *
 * <p><b>Threading.</b> Every method may be called from any thread. Calls return at once, except {@link #connect},
 * the blocking {@link #request(String, Object, Duration)}, {@link #close}, and publishing while more than
 * {@code Options.writeBufferBytes} wait to be written (then the caller waits for the socket). Message handlers,
 * listeners and request futures run on {@code Options.executor}, by default one dispatcher thread of this client,
 * so a handler sees its messages one at a time and in order. That thread's queue holds
 * {@value Callbacks#DISPATCH_QUEUE} callbacks; when handlers fall further behind, the reader waits, the socket stops being read, and the hub applies
 * its slow-consumer policy: memory stays bounded on both sides.
 *
 * <p><b>Failures.</b> Refusals by the hub arrive as {@link JunctionException}s with the hub's error id: a request
 * or a subscription fails its future; a publish or send, which has no future, goes to the
 * {@link ErrorListener}. Messages sent while disconnected wait (up to {@code Options.reconnectBufferBytes}; past
 * that, {@code buffer_full}) and go out after the subscriptions are back; messages already written to a
 * connection that then dies may be lost.
 */
public final class JunctionClient implements AutoCloseable {

  private final Options options;
  private final Callbacks callbacks;
  private final ScheduledExecutorService timer;
  private final Outbox outbox;
  private final Pending pending;
  private final Subscriptions subscriptions;
  private final Memberships memberships;
  private final Jobs jobs;
  private final Connector connector;
  private final Login login;
  private volatile MessageHandler direct;

  private JunctionClient(Options options) {
    this.options = options;
    this.callbacks = new Callbacks(options);
    this.timer = Executors.newSingleThreadScheduledExecutor(Callbacks.daemon("junction-timer"));
    this.outbox = new Outbox(this, options);
    this.pending = new Pending(timer);
    this.subscriptions = new Subscriptions(this);
    this.memberships = new Memberships(this);
    this.jobs = new Jobs(this);
    this.login = new Login(options);
    this.connector = new Connector(this, options, timer);
  }

  /**
   * Connects to the first server of {@code options} that answers and returns the client.
   *
   * @throws JunctionException {@code connect_failed} when no server answers; the hub's refusal
   *                           ({@code auth_failed}, {@code too_many_attempts}) when it refuses the login
   */
  public static JunctionClient connect(Options options) {
    JunctionClient client = new JunctionClient(options);
    try {
      client.connector.connectFirst();
    } catch (JunctionException e) {
      client.close();
      throw e;
    }
    return client;
  }

  /** Publishes {@code body} (any value Jackson can write, a {@link RawJson}, or null) to every subscriber. */
  public void publish(String address, Object body) {
    publish(address, body, null);
  }

  public void publish(String address, Object body, Map<String, String> headers) {
    enqueue(Frames.publish(check(address), body, headers, null), null);
  }

  /** Publishes and completes when the hub accepted the message (or fails with the hub's refusal). */
  public CompletableFuture<Void> publishConfirmed(String address, Object body) {
    Pending.Call call = pending.create(options.requestTimeout().toMillis());
    enqueue(Frames.publish(check(address), body, null, call.address), call);
    return callbacks.onExecutor(call.result).thenApply(m -> null);
  }

  /** Sends {@code body} to one subscriber of {@code address}; no reply is expected. */
  public void send(String address, Object body) {
    send(address, body, null);
  }

  public void send(String address, Object body, Map<String, String> headers) {
    enqueue(Frames.send(check(address), body, headers, null), null);
  }

  /** Sends a request; the future completes with the reply, or fails with a {@link JunctionException}. */
  public CompletableFuture<Message> request(String address, Object body) {
    return request(address, body, null, options.requestTimeout());
  }

  public CompletableFuture<Message> request(String address, Object body, Map<String, String> headers, Duration timeout) {
    return callbacks.onExecutor(call(address, body, headers, timeout).result);
  }

  /**
   * Sends a request and waits for the reply. Safe to call from a handler: the reply is handed over without the
   * callback executor.
   *
   * @throws JunctionException with the hub's error, {@code timeout}, or {@code connection_lost}
   */
  public Message request(String address, Object body, Duration timeout) throws InterruptedException {
    Pending.Call call = call(address, body, null, timeout);
    try {
      return call.result.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof JunctionException ? (JunctionException) e.getCause()
        : new JunctionException(ErrorId.INTERNAL_ERROR, String.valueOf(e.getCause()), -1, e.getCause());
    } catch (TimeoutException e) {
      throw new JunctionException(ErrorId.TIMEOUT, "no reply within " + timeout.toMillis() + " ms");
    }
  }

  private Pending.Call call(String address, Object body, Map<String, String> headers, Duration timeout) {
    Map<String, String> h = headers == null ? new HashMap<>() : new HashMap<>(headers);
    h.put("timeout", String.valueOf(timeout.toMillis()));
    Pending.Call call = pending.create(timeout.toMillis());
    enqueue(Frames.send(check(address), body, h, call.address), call);
    return call;
  }

  /**
   * Subscribes {@code handler} to {@code address}. Returns at once; {@link Subscription#ready()} completes when
   * the hub has the registration in place, or fails with its refusal.
   */
  public Subscription subscribe(String address, MessageHandler handler) {
    if (handler == null) {
      throw new IllegalArgumentException("handler must not be null");
    }
    checkOpen();
    return subscriptions.add(check(address), handler, connector.link());
  }

  /**
   * Joins {@code scope} without metadata or presence events; see {@link #join(String, Object, PresenceListener)}.
   */
  public CompletableFuture<Scope> join(String scope) {
    return join(scope, null, null);
  }

  /**
   * Joins {@code scope} with {@code meta} (any value Jackson writes as a JSON object, or null) for the other
   * members to see. The future completes with the {@link Scope} once the hub answered, or fails with its refusal
   * ({@code access_denied}, {@code scope_full}, {@code already_joined}). With a {@code listener}, the client also
   * subscribes to {@code scope.<name>.presence} (when the scope's rules let it) and keeps
   * {@link Scope#members()} up to date. The client joins again after every reconnect and, when the scope keeps
   * history, first delivers to its subscriptions in that scope what they missed (events {@code RECOVERED} or
   * {@code MESSAGES_LOST}).
   */
  public CompletableFuture<Scope> join(String scope, Object meta, PresenceListener listener) {
    checkOpen();
    return memberships.join(check(scope), meta, listener);
  }

  /**
   * Sets the handler of direct messages: those sent to {@code client.<id>}, this connection's own address (the id
   * is {@link Scope#clientId()}, or {@code client} in the answer of {@code hub.auth.whoami}). Nobody registers
   * there: the hub delivers to the one connection. The id changes with each reconnect. {@code null} drops them.
   */
  public void onDirect(MessageHandler handler) {
    this.direct = handler;
  }

  /** The scope of that name the client is in, or {@code null}. */
  public Scope scope(String name) {
    return memberships.get(name);
  }

  /** The members of {@code scope}, from every node (whether this client is in it or not). */
  public CompletableFuture<List<ScopeMember>> members(String scope) {
    return memberships.members(check(scope));
  }

  /**
   * Up to {@code limit} (at most 1000) messages the scope kept with a sequence number after {@code after}, oldest
   * first, each with its {@code seq} header; {@code after} -1 asks for everything from the scope's first message
   * and {@link Long#MIN_VALUE} for whatever is still kept. Fails with {@code history_gone} when messages after
   * {@code after} are no longer kept, or the scope keeps no history.
   */
  public CompletableFuture<List<Message>> history(String scope, long after, int limit) {
    return memberships.history(check(scope), after, limit);
  }

  /**
   * Submits a long-running command ({@code args}: anything Jackson writes as an object, or null); the future
   * completes with the {@link Job} once the hub stored it (busy), or fails with {@code bad_command},
   * {@code queue_full}, {@code token_conflict}. The hub makes the token.
   */
  public CompletableFuture<Job> submit(String command, Object args) {
    return jobs.submit(check(command), null, args);
  }

  /**
   * Submits with this client's own token: submitting the same token again (after a lost answer, a restart) gives
   * the same job, never a second run.
   */
  public CompletableFuture<Job> submit(String command, String token, Object args) {
    return jobs.submit(check(command), token, args);
  }

  /** A job submitted earlier (by this user) with {@code token}: ask, follow, confirm or cancel it. */
  public Job job(String token) {
    return new Job(this, new JobStatus(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("token", check(token))));
  }

  /**
   * Makes this client a worker for {@code commands}: the hub offers it jobs, {@code capacity} at once per command,
   * and {@code handler} runs each on a worker thread; the result or exception is reported. {@code retryable}: if
   * the connection drops, its jobs may run again elsewhere (else they end {@code worker_lost}). Registered again
   * after every reconnect. The future completes when the hub took the registration.
   */
  public CompletableFuture<Void> work(List<String> commands, int capacity, boolean retryable, JobWorker handler) {
    if (commands == null || commands.isEmpty() || capacity < 1 || handler == null) {
      throw new IllegalArgumentException("a worker needs commands, a capacity of at least 1, and a handler");
    }
    checkOpen();
    return callbacks.onExecutor(jobs.work(commands, capacity, retryable, handler).ready);
  }

  /** Pings the server; completes with the round trip. Fails when disconnected. */
  public CompletableFuture<Duration> ping() {
    CompletableFuture<Long> rtt = new CompletableFuture<>();
    Link l = connector.link();
    if (l == null) {
      rtt.completeExceptionally(new JunctionException(ErrorId.CONNECTION_LOST, "not connected"));
    } else {
      l.pingSent(rtt);
      outbox.control(l, Frames.PING);
    }
    CompletableFuture<Duration> out = new CompletableFuture<>();
    rtt.whenComplete((nanos, e) -> callbacks.run(() -> {
      if (e != null) {
        out.completeExceptionally(e);
      } else {
        out.complete(Duration.ofNanos(nanos));
      }
    }));
    return out;
  }

  /**
   * Drops the current connection and connects again at once, registering the subscriptions again as after any
   * reconnect. Call it when the device's network changed (on Android, from a {@code NetworkCallback}): the old
   * socket may otherwise linger until the pings give up on it. While disconnected, it cuts short the wait before
   * the next attempt.
   */
  public void reconnect() {
    connector.reconnectNow();
  }

  public Status status() {
    return connector.status();
  }

  /** The server of the current connection, or {@code null} while disconnected. */
  public URI currentServer() {
    Link l = connector.link();
    return l == null ? null : l.server;
  }

  public Options options() {
    return options;
  }

  /**
   * Closes the client: gives the jobs its workers run up to 1 s to finish and report, waits briefly (2 s at most)
   * for queued frames to be written, closes the connection, fails
   * what still waits with {@code client_closed}, and reports {@code CLOSED}. Idempotent.
   */
  @Override
  public void close() {
    shutdown("closed by the application");
  }

  void closeAfterGivingUp(String reason) {
    shutdown(reason);
  }

  /** A reconnect's login was refused (the password changed, the user was removed): the client closes. */
  void loginRefused(JunctionException e) {
    callbacks.error(e);
    shutdown("the hub refused the login: " + e.getMessage());
  }

  /**
   * Who the client is logged in as (the hub's answer to its last login, with the token the hub issued), or
   * {@code null} when the options have no credentials.
   */
  public Identity identity() {
    return login.identity();
  }

  private void shutdown(String reason) {
    boolean wasOpen = connector.status() != Status.CLOSED;
    jobs.close(1000); // running worker jobs may still finish and queue their reports
    Link l = connector.close();
    if (l != null) {
      outbox.drain(2000);
    }
    outbox.close();
    connector.forget();
    if (l != null) {
      l.close();
    }
    pending.failAll(new JunctionException(ErrorId.CLIENT_CLOSED, "the client is closed"));
    if (wasOpen) {
      event(ConnectionEvent.Type.CLOSED, l == null ? null : l.server, reason);
    }
    timer.shutdown();
    callbacks.shutdown();
  }

  // ---- internals, for the other classes of this package ----

  Outbox outbox() {
    return outbox;
  }

  Login login() {
    return login;
  }

  Pending pending() {
    return pending;
  }

  Subscriptions subscriptions() {
    return subscriptions;
  }

  Memberships memberships() {
    return memberships;
  }

  Jobs jobs() {
    return jobs;
  }

  Callbacks callbacks() {
    return callbacks;
  }

  Link link() {
    return connector.link();
  }

  /** A request written on {@code l} ahead of user traffic (joins and recovery after a reconnect). */
  CompletableFuture<Message> controlCall(Link l, String address, Object body) {
    long timeout = options.requestTimeout().toMillis();
    Pending.Call call = pending.create(timeout);
    call.sentOn = l;
    if (!outbox.control(l, Frames.send(address, body, java.util.Collections.singletonMap("timeout", String.valueOf(timeout)), call.address))) {
      pending.fail(call.address, new JunctionException(ErrorId.CONNECTION_LOST, "disconnected before sending"));
    }
    return call.result;
  }

  void enqueue(byte[] frame, Pending.Call call) {
    try {
      outbox.user(frame, call);
    } catch (JunctionException e) {
      if (call != null) {
        pending.fail(call.address, e);
      }
      throw e;
    }
  }

  /** A frame from the hub, on the reader thread of {@code l}. */
  void received(Link l, Frames.Incoming f) {
    if ("pong".equals(f.type)) {
      l.pongReceived();
    } else if ("message".equals(f.type)) {
      Message m = new Message(this, f.address, f.headers, f.body, f.replyAddress, f.send);
      if (pending.has(f.address)) {
        pending.complete(f.address, m);
        return;
      }
      if (memberships.intercept(m)) {
        return;
      }
      if (f.address.startsWith("client.") && m.headers().containsKey(Jobs.JOB_HEADER)) {
        jobs.fromHub(m);
        return;
      }
      if (f.address.startsWith("client.")) {
        MessageHandler d = direct;
        if (d != null) {
          callbacks.run(() -> d.onMessage(m));
        }
        return;
      }
      for (Subscriptions.Handle h : subscriptions.handlers(f.address)) {
        callbacks.run(() -> {
          if (h.active) {
            h.handler.onMessage(m);
          }
        });
      }
    } else if ("err".equals(f.type)) {
      JunctionException e = f.toException();
      if (f.address != null && pending.has(f.address)) {
        pending.fail(f.address, e);
      } else {
        callbacks.error(e);
      }
    }
  }

  void linkLost(Link l, String reason) {
    connector.lost(l, reason);
  }

  void event(ConnectionEvent.Type type, URI server, String reason) {
    callbacks.event(type, server, null, reason);
  }

  void event(ConnectionEvent.Type type, URI server, String scope, String reason) {
    callbacks.event(type, server, scope, reason);
  }

  private void checkOpen() {
    if (connector.status() == Status.CLOSED) {
      throw new JunctionException(ErrorId.CLIENT_CLOSED, "the client is closed");
    }
  }

  private static String check(String address) {
    if (address == null || address.isEmpty()) {
      throw new IllegalArgumentException("address must not be empty");
    }
    return address;
  }
}
