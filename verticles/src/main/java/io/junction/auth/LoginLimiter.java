package io.junction.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per key (a remote address, a user name): past {@code max} failures within {@code window}, the key
 * is refused until the window ends, password or not, so guessing is slow from one address and against one user
 * from many. Node-local. Thread-safe.
 */
final class LoginLimiter {

  private static final int MAX_KEYS = 100_000;

  private final int max;
  private final long windowMs;
  private final Map<String, long[]> failures = new ConcurrentHashMap<>();

  LoginLimiter(int max, long windowMs) {
    this.max = max;
    this.windowMs = windowMs;
  }

  boolean blocked(String key) {
    long[] w = failures.get(key);
    if (w == null) {
      return false;
    }
    synchronized (w) {
      if (System.currentTimeMillis() - w[0] > windowMs) {
        failures.remove(key, w);
        return false;
      }
      return w[1] >= max;
    }
  }

  /** Counts a failure; true when it is the one that reaches the limit (so the caller can say so, once). */
  boolean failed(String key) {
    if (failures.size() >= MAX_KEYS) {
      failures.clear();
    }
    long[] w = failures.computeIfAbsent(key, k -> new long[] {System.currentTimeMillis(), 0});
    synchronized (w) {
      if (System.currentTimeMillis() - w[0] > windowMs) {
        w[0] = System.currentTimeMillis();
        w[1] = 0;
      }
      w[1]++;
      return w[1] == max;
    }
  }

  long windowSeconds() {
    return windowMs / 1000;
  }

  void succeeded(String key) {
    failures.remove(key);
  }
}
