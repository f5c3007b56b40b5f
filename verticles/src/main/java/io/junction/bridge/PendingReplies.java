package io.junction.bridge;

import io.vertx.core.eventbus.Message;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests from the bus that one client received and has not answered yet, by reply address. Only the client
 * that received a request may answer it. Bounded by {@code limits.max_pending_replies}; entries older than
 * {@code limits.reply_timeout_ms} are forgotten (the requester has timed out by then). Event-loop confined.
 */
final class PendingReplies {

  private final LinkedHashMap<String, Pending> entries = new LinkedHashMap<>();
  private final Limits limits;

  PendingReplies(Limits limits) {
    this.limits = limits;
  }

  /** Remembers {@code m}; false when the limit is reached. */
  boolean add(Message<Object> m) {
    if (entries.size() >= limits.maxPendingReplies()) {
      return false;
    }
    entries.put(m.replyAddress(), new Pending(m, System.nanoTime()));
    return true;
  }

  /** The request waiting for an answer at {@code replyAddress}, removed; or {@code null}. */
  Message<Object> take(String replyAddress) {
    Pending p = entries.remove(replyAddress);
    return p == null ? null : p.message;
  }

  void expire(long now) {
    long maxAge = limits.replyTimeoutMs() * 1_000_000L;
    Iterator<Map.Entry<String, Pending>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue().since <= maxAge) {
        return;
      }
      it.remove();
    }
  }

  /** Fails every waiting request: the client is gone and will never answer. */
  void failAll() {
    for (Pending p : entries.values()) {
      p.message.fail(ErrorCode.CONNECTION_CLOSED.code(), "the client closed its connection before answering");
    }
    entries.clear();
  }

  private static final class Pending {
    final Message<Object> message;
    final long since;

    Pending(Message<Object> message, long since) {
      this.message = message;
      this.since = since;
    }
  }
}
