package io.junction.bridge;

import io.junction.Addresses;
import io.junction.scope.ScopeRule;
import io.junction.scope.ScopeRules;

/**
 * Who may register, publish and send where: the hard rules first (nobody registers under {@code hub.},
 * {@code __vertx.} or {@code client.}; only NAME registers {@code user.NAME}; only the hub publishes presence),
 * then the scope rules for {@code scope.NAME.topic} addresses, and the access policy for every other address.
 * Immutable and thread-safe.
 */
public final class Permissions {

  private final Limits limits;
  private final ScopeRules scopes;
  private final io.junction.job.JobService jobs;

  public Permissions(Limits limits, ScopeRules scopes) {
    this(limits, scopes, null);
  }

  /** @param jobs who owns which busy job, for registrations of {@code jobs.<token>}; {@code null}: no jobs */
  public Permissions(Limits limits, ScopeRules scopes, io.junction.job.JobService jobs) {
    this.limits = limits;
    this.scopes = scopes;
    this.jobs = jobs;
  }

  public ScopeRules scopes() {
    return scopes;
  }

  /** @throws BridgeException {@code address_too_long} */
  void checkAddress(String address) {
    if (address.length() > limits.maxAddressLength()) {
      throw new BridgeException(ErrorCode.ADDRESS_TOO_LONG,
        "address of " + address.length() + " characters; the limit is " + limits.maxAddressLength());
    }
  }

  /** What a client with {@code access} registering {@code address} may receive. @throws BridgeException if nothing */
  AccessPolicy.Grant register(AccessPolicy.Access access, String address) {
    checkAddress(address);
    if (address.startsWith(Addresses.HUB) || address.startsWith(BridgeCore.VERTX_PREFIX) || address.startsWith(Addresses.CLIENT)) {
      throw denied("nobody may register under " + address.substring(0, address.indexOf('.') + 1)
        + (address.startsWith(Addresses.CLIENT) ? " (a connection receives its client.ID messages without registering)" : ""));
    }
    if (address.startsWith(Addresses.USER) && !address.equals(Addresses.USER + access.user())) {
      throw denied("only " + address.substring(Addresses.USER.length()) + " may register " + address);
    }
    if (address.startsWith(Addresses.JOBS)) {
      String token = address.substring(Addresses.JOBS.length());
      if (jobs == null || !jobs.isBusyJobOf(token, access.user()) && !jobs.clustered()) {
        throw notFollowing(token);
      }
      return AccessPolicy.Grant.ALL; // a job of another node: registerLater asks the cluster
    }
    if (address.startsWith(Addresses.SCOPE)) {
      if (!scope(address).maySubscribe(access)) {
        throw denied("may not subscribe in scope " + scopeName(address));
      }
      return AccessPolicy.Grant.ALL;
    }
    AccessPolicy.Grant grant = access.subscribe(address);
    if (!grant.any()) {
      throw denied("may not register " + address);
    }
    return grant;
  }

  /**
   * The part of a registration's check that needs the cluster: for {@code jobs.<token>} of a job whose home is
   * another node, whether it is a busy job of this user there (else the future fails with {@code access_denied});
   * {@code null} when {@link #register} decided alone.
   */
  io.vertx.core.Future<Void> registerLater(AccessPolicy.Access access, String address) {
    if (jobs == null || !address.startsWith(Addresses.JOBS)) {
      return null;
    }
    String token = address.substring(Addresses.JOBS.length());
    if (jobs.isBusyJobOf(token, access.user())) {
      return null;
    }
    io.vertx.core.Future<Boolean> there = jobs.isBusyJobInClusterOf(token, access.user());
    return there == null ? io.vertx.core.Future.failedFuture(notFollowing(token))
      : there.compose(yes -> yes ? io.vertx.core.Future.succeededFuture() : io.vertx.core.Future.failedFuture(notFollowing(token)));
  }

  private static BridgeException notFollowing(String token) {
    return denied("no busy job " + token + " of this connection's user to follow");
  }

  /** @throws BridgeException {@code access_denied} unless {@code access} may publish {@code body} to {@code address} */
  void publish(AccessPolicy.Access access, String address, Payload body) {
    checkSending(access, address, body, "publish");
  }

  /** @throws BridgeException {@code access_denied} unless {@code access} may send (or request) to {@code address} */
  void send(AccessPolicy.Access access, String address, Payload body) {
    checkSending(access, address, body, "send");
  }

  private void checkSending(AccessPolicy.Access access, String address, Payload body, String verb) {
    checkAddress(address);
    if (address.startsWith(BridgeCore.VERTX_PREFIX) || address.startsWith(Addresses.JOBS_SERVICE)) {
      // hub.jobs.* services are answered in the session; the other hub.jobs. addresses are the cluster's own
      throw denied("may not " + verb + " to " + address);
    }
    if (address.startsWith(Addresses.SCOPE)) {
      String name = scopeName(address);
      if (address.length() == Addresses.SCOPE.length() + name.length() + Addresses.PRESENCE_SUFFIX.length()
          && address.endsWith(Addresses.PRESENCE_SUFFIX)) {
        throw denied("only the hub publishes to " + address);
      }
      if (!scopes.rule(name).mayPublish(access)) {
        throw denied("may not " + verb + " in scope " + name);
      }
      return;
    }
    AccessPolicy.Grant grant = verb.equals("publish") ? access.publish(address) : access.send(address);
    if (!grant.all() && !(grant.any() && grant.permits(body.asJsonObject()))) {
      throw denied("may not " + verb + " to " + address);
    }
  }

  /** The rule of the scope of {@code address} (scope.NAME.topic). @throws BridgeException when it is not one */
  ScopeRule scope(String address) {
    return scopes.rule(scopeName(address));
  }

  /** NAME of scope.NAME.topic. @throws BridgeException {@code access_denied} when the address has no valid scope and topic */
  public static String scopeName(String address) {
    int dot = address.indexOf('.', Addresses.SCOPE.length());
    String name = dot < 0 ? "" : address.substring(Addresses.SCOPE.length(), dot);
    if (dot < 0 || dot == address.length() - 1 || !validScopeName(name)) {
      throw denied("a scope address is scope.NAME.TOPIC, NAME of letters, digits, '_' and '-': " + address);
    }
    return name;
  }

  /** {@link ScopeRules#NAME} without a regex: this runs for every message published in a scope. */
  private static boolean validScopeName(String name) {
    int n = name.length();
    if (n == 0 || n > 64) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static BridgeException denied(String detail) {
    return new BridgeException(ErrorCode.ACCESS_DENIED, detail);
  }
}
