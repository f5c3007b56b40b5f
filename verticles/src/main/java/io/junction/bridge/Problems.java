package io.junction.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects configuration problems, one line each, so a bad configuration is reported whole before anything
 * starts. Options setters reject bad values with {@link IllegalArgumentException}; {@link #check} turns that into
 * a line prefixed with the key.
 */
public final class Problems {

  private final List<String> lines = new ArrayList<>();

  /** Runs {@code setter}; if it rejects its value, records {@code key: reason}. */
  public void check(String key, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException | ClassCastException e) {
      add(key + ": " + e.getMessage());
    }
  }

  public void add(String line) {
    lines.add(line);
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Throws an {@link IllegalArgumentException} listing every problem, if there is any. */
  public void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", lines));
    }
  }

  static long range(long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  static int range(int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
