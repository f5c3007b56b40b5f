package io.junction.job;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The remote workers of a node: for each command, the connections registered for it (in registration order), with
 * their capacity and how many of its jobs each runs. Not thread-safe: the {@link JobRunner} guards it.
 */
final class Workers {

  /** One remote worker's registration for one command. */
  static final class Worker {
    final String id;
    final int capacity;
    final boolean retryable;
    int running;

    Worker(String id, int capacity, boolean retryable) {
      this.id = id;
      this.capacity = capacity;
      this.retryable = retryable;
    }
  }

  /** What a worker that left had registered for. */
  static final class Left {
    final Set<String> commands = new TreeSet<>();
    boolean retryable;
  }

  private final Map<String, Map<String, Worker>> byCommand = new HashMap<>();

  void register(String worker, List<String> commands, int capacity, boolean retryable) {
    for (String c : commands) {
      byCommand.computeIfAbsent(c, k -> new LinkedHashMap<>()).put(worker, new Worker(worker, capacity, retryable));
    }
  }

  /** Whether some worker takes {@code command}. */
  boolean take(String command) {
    return !byCommand.getOrDefault(command, Map.of()).isEmpty();
  }

  /** The worker of {@code command} with the most free slots (the first registered among equals), or null. */
  Worker free(String command) {
    Worker best = null;
    for (Worker w : byCommand.getOrDefault(command, Map.of()).values()) {
      if (w.running < w.capacity && (best == null || w.capacity - w.running > best.capacity - best.running)) {
        best = w;
      }
    }
    return best;
  }

  /** A job of {@code command} that {@code worker} ran has ended: its slot is free. */
  void release(String command, String worker) {
    Worker w = byCommand.getOrDefault(command, Map.of()).get(worker);
    if (w != null) {
      w.running--;
    }
  }

  /** Forgets {@code worker} for every command: what it had registered (no commands when it was none). */
  Left remove(String worker) {
    Left left = new Left();
    for (Map.Entry<String, Map<String, Worker>> e : byCommand.entrySet()) {
      Worker w = e.getValue().remove(worker);
      if (w != null) {
        left.commands.add(e.getKey());
        left.retryable |= w.retryable;
      }
    }
    return left;
  }

  /** Adds the commands some worker takes to {@code into}. */
  void commands(Set<String> into) {
    byCommand.forEach((command, ws) -> {
      if (!ws.isEmpty()) {
        into.add(command);
      }
    });
  }
}
