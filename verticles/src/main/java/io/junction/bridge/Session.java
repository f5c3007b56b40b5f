package io.junction.bridge;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.function.Consumer;

/**
 * One client connection, whatever its transport: its registrations, the requests it made and the requests it was
 * asked to answer, its limits, and its cleanup. Transports hand it raw frames ({@link #receive}) and tell it when
 * the connection closed ({@link #closed}); it writes through its {@link Connection}.
 *
 * <p>Threading: a session lives on the event loop of its connection; every method must be called there.
 * Frames are handled in order: while a registration is reaching the cluster, later frames wait (and the
 * connection is paused), so a client that registers and then publishes receives its own message.
 */
public final class Session<F> {

  private static final Logger log = LoggerFactory.getLogger(Session.class);

  private final BridgeCore core;
  private final Connection<F> conn;
  private final Wire<F> wire;
  private final String id;
  private final Context context;
  private final Thread thread;
  private final Limits limits;
  private final Registrations registrations;
  private final Requests<F> requests;
  private final EnumSet<ErrorCode> logged = EnumSet.noneOf(ErrorCode.class);
  private final FrameGate gate;
  private final Memberships memberships;
  private final SlowConsumer<F> slow;
  private final RateLimiter rate;
  private final Publishes publishes;
  private Principal principal;
  private AccessPolicy.Access access;
  private long lastSeen = System.nanoTime();
  private boolean closing;
  private boolean closed;
  private boolean worker;

  Session(BridgeCore core, Connection<F> conn, String id) {
    this.core = core;
    this.conn = conn;
    this.wire = conn.wire();
    this.id = id;
    this.context = Vertx.currentContext();
    this.thread = Thread.currentThread();
    if (context == null) {
      throw new IllegalStateException("a session must be opened on its connection's event loop");
    }
    this.limits = core.limits();
    this.requests = new Requests<>(core, this);
    this.registrations = new Registrations(core, this);
    this.gate = new FrameGate(this, conn);
    this.memberships = new Memberships(core);
    this.slow = new SlowConsumer<>(core, this, conn);
    this.publishes = new Publishes(this, core);
    this.rate = limits.maxMessagesPerSecond() > 0 ? new RateLimiter(limits.maxMessagesPerSecond()) : null;
    this.access = core.policy().anonymous();
  }

  /** The logged-in user, or {@code null}. */
  public String user() {
    return principal == null ? null : principal.user();
  }

  String remoteHost() {
    return conn.remoteHost();
  }

  AccessPolicy.Access access() {
    return access;
  }

  /** The session id, unique in the cluster. */
  public String id() {
    return id;
  }

  public String transport() {
    return conn.transport();
  }

  public Wire<F> wire() {
    return wire;
  }

  Context context() {
    return context;
  }

  boolean canReply() {
    return conn.duplex();
  }

  public boolean isClosed() {
    return closed;
  }

  /** Handles one frame as the client sent it (UTF-8 JSON). */
  public void receive(byte[] frame) {
    lastSeen = System.nanoTime();
    if (closing) {
      return;
    }
    if (!gate.keep(frame)) {
      handle(frame);
    }
  }

  void handle(byte[] bytes) {
    Frame f = null;
    try {
      f = FrameParser.parse(bytes);
      if (rate != null && f.type != FrameType.PING && !rate.tryTake(lastSeen)) {
        once(ErrorCode.RATE_LIMITED, "more than " + limits.maxMessagesPerSecond() + " frames a second; refusing the excess");
        throw new BridgeException(ErrorCode.RATE_LIMITED, "more than " + limits.maxMessagesPerSecond() + " frames a second");
      }
      dispatch(f);
    } catch (RuntimeException e) {
      refused(f, e);
    }
  }

  /** A frame's handling failed: the client gets the error, or {@code internal_error} for a bug (logged). */
  private void refused(Frame f, RuntimeException e) {
    if (e instanceof BridgeException b) {
      refuse(f, b.code(), b.detail());
    } else {
      log.error("session {}: failed to handle a frame", id, e);
      refuse(f, ErrorCode.INTERNAL_ERROR, "the node failed to handle the frame");
    }
  }

  private void dispatch(Frame f) {
    Future<Long> pending = publishes.pending();
    if (pending != null && !(f.type == FrameType.PUBLISH && core.keepsHistory(f.address))) {
      // publishes into history scopes are under way: anything else waits for them, so the order stays
      Frame waiting = f;
      hold(pending, ar -> dispatchHeld(waiting));
      return;
    }
    switch (f.type) {
      case PING:
        F pong = wire.pong();
        if (pong != null) {
          conn.write(pong);
        }
        break;
      case PUBLISH:
        publishes.publish(f, access, pending);
        break;
      case SEND:
        onSend(f);
        break;
      case REGISTER:
        registrations.register(f);
        break;
      case UNREGISTER:
        registrations.unregister(f.address);
        acknowledge(f, "unregistered");
        break;
      default:
        throw new IllegalStateException("unhandled frame type " + f.type);
    }
  }

  private void onSend(Frame f) {
    if (requests.answer(f) || AuthFrames.handle(this, f) || ScopeFrames.handle(this, f) || JobFrames.handle(this, f)) {
      return;
    }
    if (f.replyAddress == null) {
      core.send(access, f.address, f.body, f.headers);
    } else {
      requests.request(f);
    }
  }

  private void dispatchHeld(Frame f) {
    try {
      dispatch(f);
    } catch (RuntimeException e) {
      refused(f, e);
    }
  }

  /** Logs in with a token given when connecting ({@code ?token=}); a bad token closes the connection. */
  public void loginWithToken(String token) {
    AuthFrames.loginWithToken(this, token);
  }

  /**
   * Makes this session {@code p}'s (a login, or a token checked by the transport, for example an HTTP bearer).
   *
   * @throws BridgeException {@code too_many_connections} when the user holds too many
   */
  public void adopt(Principal p) {
    core.admitUser(p.user());
    principal = p;
    access = core.policy().forUser(p.user(), p.roles());
  }

  /** Keeps {@code p}, the same user with a new token, as this session's principal. */
  Principal refreshed(Principal p) {
    principal = p;
    return p;
  }

  Memberships memberships() {
    return memberships;
  }

  Principal principal() {
    return principal;
  }

  BridgeCore core() {
    return core;
  }

  /** Answers {@code f} at its reply address, if it has one. */
  void reply(Frame f, JsonObject body) {
    if (f != null && f.replyAddress != null && !closing) {
      replyRaw(f, Payload.of(body));
    }
  }

  /** Answers {@code f} with a body that is JSON text already. */
  void replyRaw(Frame f, Payload body) {
    if (f != null && f.replyAddress != null && !closing) {
      write(new Delivery(f.replyAddress, JsonText.headers(null), body, null, true).frame(wire));
    }
  }

  /** Later frames wait, and the connection stops being read, until {@code f} completes ({@link FrameGate}). */
  <T> void hold(Future<T> f, Consumer<AsyncResult<T>> then) {
    gate.hold(f, then);
  }

  /**
   * Registers {@code address} for this session (as a register frame does, without the frame); the future
   * completes when the registration reached the cluster.
   *
   * @throws BridgeException when the address is refused
   */
  public Future<Void> subscribe(String address) {
    return registrations.subscribe(address);
  }

  /** Writes a published message, unless the client is too slow (then the slow-consumer policy applies). */
  void deliver(Delivery d) {
    if (!closing) {
      slow.deliver(d.frame(wire));
    }
  }

  /** Writes a point-to-point message; when it expects a reply, remembers it so only this client may answer. */
  void deliverRequest(Message<Object> m, Delivery d) {
    if (closing) {
      Topic.failUndelivered(m);
      return;
    }
    if (m.replyAddress() != null && !requests.track(m)) {
      return;
    }
    conn.write(d.frame(wire));
  }

  boolean closing() {
    return closing;
  }

  /** Writes a frame that answers the client (replies, failures): never dropped. */
  void write(F frame) {
    if (!closing) {
      conn.write(frame);
    }
  }

  /**
   * A Junction extension: a register, unregister or publish frame that carries a {@code replyAddress} is
   * acknowledged there ({@code {"registered": address}} once the registration reached the cluster), and refusals
   * of it are addressed there, so a client library knows which of its calls an error belongs to.
   */
  void acknowledge(Frame f, String what) {
    if (f.replyAddress != null) {
      reply(f, new JsonObject().put(what, f.address));
    }
  }

  void refuse(Frame f, ErrorCode code, String detail) {
    if (f != null && f.replyAddress != null) {
      write(wire.failure(f.replyAddress, f.address, code.code(), code.id(), detail, code));
    } else {
      error(code, detail);
    }
  }

  /** Sends an error frame; closes the connection when the error is one that closes. */
  public void error(ErrorCode code, String detail) {
    if (code.closes()) {
      fail(code, detail);
    } else {
      write(wire.error(code, detail));
    }
  }

  /** Sends the error, then closes the connection (the client is told why). */
  public void fail(ErrorCode reason, String detail) {
    if (closing) {
      return;
    }
    once(reason, "closing: " + detail);
    conn.write(wire.error(reason, detail));
    closing = true;
    conn.close(reason);
    // release now: a client that stopped reading may never finish the transport's close handshake
    release();
  }

  /** Logs the first occurrence of each kind of refusal per session: a misbehaving client cannot flood the log. */
  void once(ErrorCode code, String what) {
    if (logged.add(code)) {
      log.info("session {} ({} {}): {} - {}", id, transport(), conn.remoteAddress(), code.id(), what);
    }
  }

  String remoteAddress() {
    return conn.remoteAddress();
  }

  /** Runs {@code task} on this session's event loop: now when already there, else as a task there. */
  public void onOwnLoop(Runnable task) {
    if (Vertx.currentContext() != null && Thread.currentThread() == thread) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  /** The connection registered as a job worker: its jobs are settled when it closes. */
  void becameWorker() {
    worker = true;
  }

  /** Called by the transport when the connection has closed, for any reason: releases everything. */
  public void closed() {
    if (closed) {
      return;
    }
    closing = true;
    closed = true;
    release();
    core.closed(this);
  }

  /** Gives back what the session holds: its registrations, and the requests it will never answer. */
  private void release() {
    gate.clear();
    registrations.releaseAll();
    memberships.leaveAll();
    requests.failAll();
    if (worker) {
      core.jobs().workerGone(id());
    }
  }

  /** Periodic housekeeping from the owning verticle: idle timeout and expired pending replies. */
  void tick(long now) {
    if (closing) {
      return;
    }
    requests.expire(now);
    conn.tick(now);
    slow.tick();
    if (closing) {
      return;
    }
    int idle = limits.idleTimeoutSeconds();
    if (idle > 0 && conn.duplex() && now - lastSeen > idle * 1_000_000_000L) {
      fail(ErrorCode.IDLE_TIMEOUT, "nothing received for " + idle + " s");
    }
  }
}
