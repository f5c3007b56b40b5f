package io.junction.testing;

import java.util.function.BooleanSupplier;

/** Waits for a condition that some other thread makes true, with a deadline (never a fixed sleep). */
public final class Await {

  private Await() {
  }

  /** Polls {@code condition} every 10 ms for up to {@code ms}; returns whether it became true. */
  public static boolean until(BooleanSupplier condition, long ms) {
    long deadline = System.currentTimeMillis() + ms;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
    }
    return true;
  }

  /** Like {@link #until} but fails with {@code what} when the condition stays false. */
  public static void require(BooleanSupplier condition, long ms, String what) {
    if (!until(condition, ms)) {
      throw new AssertionError("not within " + ms + " ms: " + what);
    }
  }
}
