package io.junction.bridge;

/**
 * A token bucket: {@code perSecond} tokens a second, up to {@code perSecond} saved up (a one-second burst).
 * Event-loop confined, like its session.
 */
final class RateLimiter {

  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last;

  RateLimiter(int perSecond) {
    this.perNano = perSecond / 1e9;
    this.capacity = perSecond;
    this.tokens = perSecond;
    this.last = System.nanoTime();
  }

  /** Takes a token if there is one. */
  boolean tryTake(long now) {
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
