package io.junction.bridge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection limits of a node: in all ({@code limits.max_connections}), per remote IP address
 * ({@code max_connections_per_ip}) and per logged-in user ({@code max_connections_per_user}). Refusals are
 * {@code too_many_connections}, logged at most once a minute per kind of limit, so a flood of connections cannot
 * flood the log. Thread-safe: connections arrive on every event loop.
 */
final class ConnectionCounts {

  private static final Logger log = LoggerFactory.getLogger(ConnectionCounts.class);
  private static final String NODE = "";
  private static final long LOG_EVERY_NANOS = 60_000_000_000L;

  private final Limits limits;
  private final Map<String, Integer> node = new ConcurrentHashMap<>();
  private final Map<String, Integer> perHost = new ConcurrentHashMap<>();
  private final Map<String, Integer> perUser = new ConcurrentHashMap<>();
  private final Map<String, Long> lastLog = new ConcurrentHashMap<>();

  ConnectionCounts(Limits limits) {
    this.limits = limits;
  }

  /** Counts a new connection from {@code host}. @throws BridgeException {@code too_many_connections} */
  void admit(String host) {
    if (!take(node, NODE, limits.maxConnections())) {
      throw refused("node", "the node holds " + limits.maxConnections() + " connections (limits.max_connections)");
    }
    if (!take(perHost, host, limits.maxConnectionsPerIp())) {
      give(node, NODE);
      throw refused("ip", host + " holds " + limits.maxConnectionsPerIp() + " connections (limits.max_connections_per_ip)");
    }
  }

  /** Counts a connection as {@code user}'s. @throws BridgeException {@code too_many_connections} */
  void admitUser(String user) {
    if (!take(perUser, user, limits.maxConnectionsPerUser())) {
      throw refused("user", user + " holds " + limits.maxConnectionsPerUser() + " connections (limits.max_connections_per_user)");
    }
  }

  /** A connection from {@code host}, logged in as {@code user} (or null), has closed. */
  void released(String host, String user) {
    give(node, NODE);
    give(perHost, host);
    if (user != null) {
      give(perUser, user);
    }
  }

  private BridgeException refused(String kind, String detail) {
    long now = System.nanoTime();
    Long last = lastLog.get(kind);
    if (last == null || now - last > LOG_EVERY_NANOS) {
      lastLog.put(kind, now);
      log.warn("refusing connections: {} - {}", ErrorCode.TOO_MANY_CONNECTIONS.id(), detail);
    }
    return new BridgeException(ErrorCode.TOO_MANY_CONNECTIONS, detail);
  }

  /** Counts one more for {@code key}; false (and nothing counted) when it holds {@code max} already. */
  private static boolean take(Map<String, Integer> counts, String key, int max) {
    boolean[] ok = {true};
    counts.compute(key, (k, n) -> {
      int now = n == null ? 0 : n;
      if (now >= max) {
        ok[0] = false;
        return n;
      }
      return now + 1;
    });
    return ok[0];
  }

  private static void give(Map<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }
}
