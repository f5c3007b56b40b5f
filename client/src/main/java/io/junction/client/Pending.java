package io.junction.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls waiting for an answer at a reply address of their own: requests (the answer is the reply) and acknowledged
 * frames (registrations, confirmed publishes). Each ends with its answer, its error, its timeout, or the loss of
 * the connection that carried it. Thread-safe.
 */
final class Pending {

  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong();
  private final String prefix = "j." + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + ".";
  private final ScheduledExecutorService timer;

  Pending(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** One call. {@code result} completes on the thread that learns the outcome (usually the reader). */
  static final class Call {
    final String address;
    final CompletableFuture<Message> result = new CompletableFuture<>();
    volatile Link sentOn;
    volatile ScheduledFuture<?> timeout;

    Call(String address) {
      this.address = address;
    }
  }

  /** A new call with a unique reply address, failing with {@code timeout} after {@code timeoutMs}. */
  Call create(long timeoutMs) {
    Call c = new Call(prefix + next.incrementAndGet());
    calls.put(c.address, c);
    c.timeout = timer.schedule(() -> fail(c.address, new JunctionException(ErrorId.TIMEOUT,
      "no reply within " + timeoutMs + " ms", ErrorId.TIMEOUT.code(), null)), timeoutMs, TimeUnit.MILLISECONDS);
    c.result.whenComplete((m, e) -> {
      ScheduledFuture<?> t = c.timeout;
      if (t != null) {
        t.cancel(false);
      }
    });
    return c;
  }

  boolean has(String address) {
    return calls.containsKey(address);
  }

  void complete(String address, Message m) {
    Call c = calls.remove(address);
    if (c != null) {
      c.result.complete(m);
    }
  }

  void fail(String address, JunctionException e) {
    Call c = calls.remove(address);
    if (c != null) {
      c.result.completeExceptionally(e);
    }
  }

  /** The connection {@code l} is gone: calls it carried cannot be answered any more. */
  void lost(Link l) {
    for (Call c : calls.values()) {
      if (c.sentOn == l) {
        fail(c.address, new JunctionException(ErrorId.CONNECTION_LOST, "the connection to " + l.server + " was lost before the answer came"));
      }
    }
  }

  void failAll(JunctionException e) {
    for (String address : calls.keySet()) {
      fail(address, e);
    }
  }
}
