package io.junction.bridge;

import io.junction.Addresses;
import io.junction.scope.ScopeRules;
import io.junction.job.JobService;
import io.junction.scope.Scopes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every transport of a node shares: limits, the access policy, the address checks, the node's
 * subscriptions ({@link Fanout}), its sessions and its counters. One per node; thread-safe.
 */
public final class BridgeCore {

  /** Prefix of Vert.x internal addresses (reply addresses among them). */
  public static final String VERTX_PREFIX = "__vertx.";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final EventBus bus;
  private final Limits limits;
  private final AccessPolicy policy;
  private final NodeInfo node;
  private final Fanout fanout;
  private final Authenticator auth;
  private final Scopes scopes;
  private final JobService jobs;
  private final Permissions permissions;
  private final DirectMessages direct;
  private final Stats stats = new Stats();
  private final ConnectionCounts counts;
  private final OutboundBudget outbound;
  private final Map<String, Session<?>> sessions = new ConcurrentHashMap<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final Map<String, LocalService> local = new ConcurrentHashMap<>();
  private volatile Promise<Void> allClosed;
  private final Publisher publisher;
  private long discardedLogged;

  private static final long DISCARD_LOG_MS = 10_000;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BridgeCore.class);

  public BridgeCore(Vertx vertx, Limits limits, AccessPolicy policy, NodeInfo node) {
    this(vertx, limits, policy, node, Authenticator.NONE);
  }

  public BridgeCore(Vertx vertx, Limits limits, AccessPolicy policy, NodeInfo node, Authenticator auth) {
    this(vertx, limits, policy, node, auth, Scopes.local(vertx.eventBus(), ScopeRules.defaults()));
  }

  public BridgeCore(Vertx vertx, Limits limits, AccessPolicy policy, NodeInfo node, Authenticator auth, Scopes scopes) {
    this(vertx, limits, policy, node, auth, scopes, null);
  }

  /** @param jobs the node's job service, or {@code null}: then {@code hub.jobs.*} is not served */
  public BridgeCore(Vertx vertx, Limits limits, AccessPolicy policy, NodeInfo node, Authenticator auth, Scopes scopes,
                    JobService jobs) {
    this.vertx = vertx;
    this.auth = auth;
    this.scopes = scopes;
    this.jobs = jobs;
    this.bus = vertx.eventBus();
    this.limits = new Limits(limits);
    this.permissions = new Permissions(this.limits, scopes.rules(), jobs);
    this.direct = new DirectMessages(bus, node.id(), sessions);
    if (jobs != null) {
      jobs.offers((worker, headers, body) -> {
        DeliveryOptions options = new DeliveryOptions();
        headers.forEach(options::addHeader);
        direct.send(Addresses.CLIENT + worker, Payload.of(body), options);
      });
    }
    this.counts = new ConnectionCounts(this.limits);
    this.outbound = new OutboundBudget(this.limits.nodeOutboundBudget());
    this.policy = policy;
    this.node = node;
    this.fanout = new Fanout(bus, stats, direct.prefix() + newId());
    this.publisher = new Publisher(this, permissions, scopes, direct, fanout, vertx.isClustered());
    PayloadCodec.install(bus);
    vertx.setPeriodic(DISCARD_LOG_MS, id -> logDiscarded());
  }

  public Vertx vertx() {
    return vertx;
  }

  public Limits limits() {
    return limits;
  }

  public AccessPolicy policy() {
    return policy;
  }

  public NodeInfo node() {
    return node;
  }

  public Fanout fanout() {
    return fanout;
  }

  public Authenticator auth() {
    return auth;
  }

  /** The job service, or {@code null} when this core serves none. */
  public JobService jobs() {
    return jobs;
  }

  public Scopes scopes() {
    return scopes;
  }

  public Stats stats() {
    return stats;
  }

  /** How clients' publishes reach the other nodes of the cluster (see {@link OtherNodes}). */
  public void otherNodes(OtherNodes route) {
    publisher.otherNodes(route);
  }

  /**
   * Starts this node's end of the {@link Routes} between nodes (its consumer at {@link Routes#PREFIX} and
   * {@code vertxNodeId}); an {@link OtherNodes} may then send clients' publishes through it.
   */
  public Routes startRoutes(String vertxNodeId) {
    return new Routes(vertx, fanout, vertxNodeId);
  }

  /** The node's budget of bytes waiting to be written to clients ({@code limits.node_outbound_bytes}). */
  public OutboundBudget outbound() {
    return outbound;
  }

  /**
   * Lets {@code service} answer clients' requests to {@code address} on each client's own event loop (the bus
   * consumer of the same address keeps answering requests that come over the bus).
   */
  public void answerLocally(String address, LocalService service) {
    local.put(address, service);
  }

  /** Stops answering {@code address} locally. */
  public void stopAnsweringLocally(String address) {
    local.remove(address);
  }

  /** The service answering {@code address} on the caller's loop, or {@code null}. */
  LocalService localService(String address) {
    return local.isEmpty() ? null : local.get(address);
  }

  /** @throws BridgeException {@code access_denied} unless {@code access} may send {@code body} to {@code address} */
  void checkSend(AccessPolicy.Access access, String address, Payload body) {
    permissions.send(access, address, body);
  }

  /** Records the port an endpoint listens on ({@code tcp}, {@code http}), once it listens. */
  public void listening(String endpoint, int port) {
    ports.put(endpoint, port);
  }

  /** The port {@code endpoint} listens on, or -1 when it does not listen. */
  public int port(String endpoint) {
    return ports.getOrDefault(endpoint, -1);
  }

  /**
   * Opens a session for a new connection, on the connection's event loop.
   *
   * @throws BridgeException {@code not_ready} or {@code shutting_down} when the node does not take connections
   */
  public <F> Session<F> open(Connection<F> conn) {
    NodeState state = node.state();
    if (state != NodeState.UP) {
      throw new BridgeException(state == NodeState.STARTING ? ErrorCode.NOT_READY : ErrorCode.SHUTTING_DOWN,
        "the node is " + state.name().toLowerCase(java.util.Locale.ROOT));
    }
    counts.admit(conn.remoteHost());
    Session<F> s = new Session<>(this, conn, direct.prefix() + newId());
    sessions.put(s.id(), s);
    stats.opened();
    return s;
  }

  /** Counts a session as {@code user}'s. @throws BridgeException {@code too_many_connections} */
  void admitUser(String user) {
    counts.admitUser(user);
  }

  void closed(Session<?> s) {
    if (sessions.remove(s.id()) != null) {
      counts.released(s.remoteHost(), s.user());
    }
    Promise<Void> waiting = allClosed;
    if (waiting != null && sessions.isEmpty()) {
      waiting.tryComplete();
    }
  }

  /** One line per period for messages that reached subscriptions whose connections had just closed. */
  private void logDiscarded() {
    long now = stats.discardedMessages();
    if (now > discardedLogged) {
      log.info("{} messages reached subscriptions of closed connections in the last {} s and were discarded",
        now - discardedLogged, DISCARD_LOG_MS / 1000);
      discardedLogged = now;
    }
  }

  private static String newId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Open connections by transport. */
  public JsonObject connections() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Session<?> s : sessions.values()) {
      counts.merge(s.transport(), 1, Integer::sum);
    }
    return new JsonObject(Map.copyOf(counts));
  }

  /**
   * Closes every session with {@code reason} (each on its own event loop). The future completes when all are
   * closed, or after {@code timeoutMs}.
   */
  public Future<Void> closeAll(ErrorCode reason, long timeoutMs) {
    Promise<Void> done = Promise.promise();
    allClosed = done;
    for (Session<?> s : sessions.values()) {
      s.context().runOnContext(v -> s.fail(reason, reason.description()));
    }
    if (sessions.isEmpty()) {
      done.tryComplete();
    } else {
      vertx.setTimer(timeoutMs, id -> done.tryComplete());
    }
    return done.future().compose(v -> left(timeoutMs));
  }

  /** Completes when the scope leaves of closed sessions are done (their presence events published), or after {@code timeoutMs}. */
  private Future<Void> left(long timeoutMs) {
    List<Future<?>> now = new java.util.ArrayList<>(leaving);
    if (now.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    Future.join(now).onComplete(ar -> done.tryComplete());
    vertx.setTimer(timeoutMs, id -> done.tryComplete());
    return done.future();
  }

  /** Scope leaves of closed sessions still under way: a stopping node waits for them before it leaves the cluster. */
  private final Set<Future<?>> leaving = ConcurrentHashMap.newKeySet();

  /** A closed session leaves {@code scope}; a stop waits for it, so the others hear of it from this node. */
  void leaveOnClose(String scope, io.junction.scope.Member m) {
    Future<Boolean> f = scopes.leave(scope, m);
    leaving.add(f);
    f.onComplete(ar -> leaving.remove(f));
  }

  /** @throws BridgeException {@code address_too_long} */
  public void checkAddress(String address) {
    permissions.checkAddress(address);
  }

  /** What a client with {@code access} registering {@code address} may receive. @throws BridgeException when nothing */
  public AccessPolicy.Grant grantRegister(AccessPolicy.Access access, String address) {
    return permissions.register(access, address);
  }

  /** The part of a registration's check that needs the cluster, or {@code null}; see {@link Permissions#registerLater}. */
  Future<Void> registerLater(AccessPolicy.Access access, String address) {
    return permissions.registerLater(access, address);
  }

  /**
   * Publishes a client's message to every subscriber in the cluster, after the checks. In a scope that keeps
   * history the message is kept first and carries its sequence number in the header {@value #SEQ_HEADER}; the
   * future completes once it is published (with the number, or -1 when nothing is kept).
   */
  public Future<Long> publish(AccessPolicy.Access access, String address, Payload body, Map<String, String> headers) {
    return publish(access, address, body, headers, null);
  }

  /**
   * {@link #publish(AccessPolicy.Access, String, Payload, Map)} pipelined behind {@code after}, the previous publish
   * of the same connection into a scope with history (or {@code null}); see {@link Publisher}.
   */
  Future<Long> publish(AccessPolicy.Access access, String address, Payload body, Map<String, String> headers,
                       Future<?> after) {
    return publisher.publish(access, address, body, headers, after);
  }

  /** The header that marks what a node's clients published, so the node does not deliver it twice; never shown to clients. */
  static final String ORIGIN_HEADER = "junction.origin";

  /** Whether a publish to {@code address} is kept in a scope's history (false for addresses that are no scope's). */
  boolean keepsHistory(String address) {
    return publisher.keepsHistory(address);
  }

  /**
   * In a scope, {@value #SEQ_HEADER} is the hub's: a client's own is dropped everywhere there (also where nothing
   * is kept), so a {@code seq} in a scope message always comes from the history.
   */
  static Map<String, String> withoutSeq(String address, Map<String, String> headers) {
    if (headers == null || !headers.containsKey(SEQ_HEADER) || !address.startsWith(Addresses.SCOPE)) {
      return headers;
    }
    Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
    copy.remove(SEQ_HEADER);
    return copy;
  }
  /** The header with a scope message's sequence number (scopes that keep history). */
  public static final String SEQ_HEADER = "seq";

  /** Sends a client's message to one handler, no reply expected, after the checks. */
  public void send(AccessPolicy.Access access, String address, Payload body, Map<String, String> headers) {
    permissions.send(access, address, body);
    headers = withoutSeq(address, headers);
    if (DirectMessages.isDirect(address)) {
      direct.send(address, body, deliveryOptions(headers, access.user()));
    } else {
      bus.send(address, body, deliveryOptions(headers, access.user()));
    }
  }

  /**
   * Sends a client's request, after the checks. The timeout is {@code limits.reply_timeout_ms}, or less when
   * the {@code timeout} header asks for less.
   */
  public Future<Message<Object>> request(AccessPolicy.Access access, String address, Payload body,
                                         Map<String, String> headers) {
    permissions.send(access, address, body);
    DeliveryOptions options = deliveryOptions(withoutSeq(address, headers), access.user());
    return DirectMessages.isDirect(address) ? direct.request(address, body, options) : bus.request(address, body, options);
  }

  /** The header the bridge sets to the sending connection's user (clients cannot set {@code junction.*} headers). */
  public static final String USER_HEADER = "junction.user";

  /**
   * Delivery options from client headers: {@code timeout} sets the reply timeout, {@code junction.*} headers are
   * dropped (only the bridge sets them: {@value #USER_HEADER} for a logged-in sender), the others pass.
   */
  public DeliveryOptions deliveryOptions(Map<String, String> headers, String user) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(limits.replyTimeoutMs());
    if (headers != null) {
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if (h.getKey().equals("timeout")) {
          options.setSendTimeout(timeout(h.getValue()));
        } else if (!h.getKey().regionMatches(true, 0, "junction.", 0, 9)) {
          options.addHeader(h.getKey(), h.getValue());
        }
      }
    }
    if (user != null) {
      options.addHeader(USER_HEADER, user);
    }
    return options;
  }

  private long timeout(String value) {
    try {
      long ms = Long.parseLong(value.trim());
      return Math.max(1, Math.min(ms, limits.replyTimeoutMs()));
    } catch (NumberFormatException e) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "the timeout header must be a number of milliseconds");
    }
  }
}
