package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The scopes the client is in: joining them (again after each reconnect), the sequence numbers seen in them, and
 * recovering from history what was published into them while the client was away. Live messages of a scope
 * wait while it recovers, so handlers get every message once and in sequence order across the gap.
 * Thread-safe; deliveries of one scope are ordered by {@link Scope#delivery}.
 */
final class Memberships {

  static final String JOIN = "hub.scope.join";
  static final String LEAVE = "hub.scope.leave";
  static final String HISTORY = "hub.scope.history";
  static final String PRESENCE = ".presence";
  /** Messages asked for per history request while recovering (the hub's largest page). */
  static final int PAGE = 1000;

  private final JunctionClient client;
  private final Map<String, Scope> byName = new ConcurrentHashMap<>();

  Memberships(JunctionClient client) {
    this.client = client;
  }

  Scope get(String name) {
    return byName.get(name);
  }

  CompletableFuture<Scope> join(String name, Object meta, PresenceListener listener) {
    Scope s = new Scope(client, name, meta, listener);
    if (byName.putIfAbsent(name, s) != null) {
      s.joined.completeExceptionally(new JunctionException(ErrorId.ALREADY_JOINED, "this client is already in scope " + name));
      return s.joined;
    }
    s.joining();
    if (listener != null) {
      s.presence = client.subscribe("scope." + name + PRESENCE, m -> s.presenceEvent(m.body()));
    }
    CompletableFuture<Void> ready = s.presence == null ? CompletableFuture.completedFuture(null) : s.presence.ready();
    ready.handle((v, refused) -> {
      // without presence events (not permitted, or presence off) the member list is the join's answer
      Link l = client.link();
      if (l != null) {
        send(s, l);
      }
      return null;
    });
    return client.callbacks().onExecutor(s.joined);
  }

  /** Sends the join of {@code s} on {@code l}; the future completes when the answer was handled. */
  private CompletableFuture<Void> send(Scope s, Link l) {
    if (!s.claim(l)) {
      return CompletableFuture.completedFuture(null); // already sent on this connection
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("scope", s.name());
    if (s.meta() != null) {
      body.put("meta", s.meta());
    }
    return client.controlCall(l, JOIN, body).handle((reply, e) -> {
      if (e == null) {
        s.joined(reply.body());
        s.joined.complete(s);
        recover(s, l, reply.body().path("last").asLong(-1));
      } else if (e instanceof JunctionException && lostConnection((JunctionException) e)) {
        s.joining(); // joined again on the next connection
      } else {
        if (e instanceof JunctionException && ((JunctionException) e).errorId() == ErrorId.TIMEOUT && client.link() == l) {
          client.controlCall(l, LEAVE, java.util.Collections.singletonMap("scope", s.name())); // in case the join went through after all
        }
        JunctionException refusal = e instanceof JunctionException ? (JunctionException) e
          : new JunctionException(ErrorId.INTERNAL_ERROR, String.valueOf(e), -1, e);
        drop(s);
        if (!s.joined.completeExceptionally(refusal)) {
          client.callbacks().error(refusal); // refused when joining again after a reconnect
        }
      }
      return null;
    });
  }

  private static boolean lostConnection(JunctionException e) {
    return e.errorId() == ErrorId.CONNECTION_LOST;
  }

  private void drop(Scope s) {
    byName.remove(s.name(), s);
    s.deactivate();
    Subscription p = s.presence;
    if (p != null) {
      p.unsubscribe();
    }
    release(s);
  }

  CompletableFuture<Void> leave(Scope s) {
    if (byName.get(s.name()) != s) {
      CompletableFuture<Void> notIn = new CompletableFuture<>();
      notIn.completeExceptionally(new JunctionException(ErrorId.NOT_JOINED, "this client is not in scope " + s.name()));
      return notIn;
    }
    drop(s);
    if (client.link() == null) {
      return CompletableFuture.completedFuture(null); // the hub ended the membership with the connection
    }
    Map<String, Object> body = java.util.Collections.singletonMap("scope", s.name());
    return client.request(LEAVE, body).thenApply(m -> (Void) null);
  }

  /** The connection is lost: live messages of scopes with history wait for the recovery after the reconnect. */
  void disconnected() {
    for (Scope s : byName.values()) {
      s.joining();
      synchronized (s.delivery) {
        if (s.keepsHistory() && s.held == null) {
          s.held = new ArrayList<>();
        }
      }
    }
  }

  /** After a reconnect, before user traffic: joins every scope again (and then recovers those with history). */
  void rejoin(Link l, long timeoutMs) {
    List<CompletableFuture<Void>> answers = new ArrayList<>();
    for (Scope s : byName.values()) {
      s.joining();
      answers.add(send(s, l));
    }
    try {
      CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception someFailed) {
      // each failure was handled on its own
    }
  }

  // ---- sequence numbers and recovery ----

  /**
   * A live message, on the reader thread: true when it must not be delivered now (held while its scope recovers,
   * or a copy of a message the recovery delivered).
   */
  boolean intercept(Message m) {
    long seq = m.seq();
    if (seq < 0 || !m.address().startsWith("scope.")) {
      return false;
    }
    int dot = m.address().indexOf('.', 6);
    Scope s = byName.get(dot < 0 ? m.address().substring(6) : m.address().substring(6, dot));
    if (s == null) {
      return false;
    }
    synchronized (s.delivery) {
      if (s.held != null) {
        s.held.add(m);
        return true;
      }
      if (seq <= s.recoveredTo) {
        return true;
      }
      s.lastSeq = Math.max(s.lastSeq, seq);
      return false;
    }
  }

  /** After a (re)join answered with {@code last}: fetch what was missed, then let held messages through. */
  private void recover(Scope s, Link l, long last) {
    synchronized (s.delivery) {
      if (s.held == null) {
        return;
      }
    }
    if (!s.keepsHistory()) {
      release(s);
      return;
    }
    if (s.lastSeq == last) {
      finish(s, 0);
      return;
    }
    page(s, l, 0, last);
  }

  private void page(Scope s, Link l, int recovered, long last) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("scope", s.name());
    body.put("after", s.lastSeq);
    body.put("limit", PAGE);
    client.controlCall(l, HISTORY, body).whenComplete((reply, e) -> {
      if (e != null) {
        JunctionException je = e instanceof JunctionException ? (JunctionException) e
          : new JunctionException(ErrorId.INTERNAL_ERROR, String.valueOf(e), -1, e);
        if (!lostConnection(je)) {
          lost(s, recovered, je, last);
        }
        return; // lost the connection: the next reconnect recovers
      }
      JsonNode page = reply.body();
      int n = 0;
      synchronized (s.delivery) {
        for (JsonNode entry : page.path("messages")) {
          long seq = entry.path("seq").asLong();
          if (seq > s.lastSeq) {
            s.lastSeq = seq;
            n += deliver(Message.recovered(client, entry)) ? 1 : 0;
          }
        }
      }
      if (page.path("messages").size() > 0 && s.lastSeq < page.path("last").asLong()) {
        page(s, l, recovered + n, last);
      } else {
        finish(s, recovered + n);
      }
    });
  }

  private void finish(Scope s, int recovered) {
    synchronized (s.delivery) {
      s.recoveredTo = s.lastSeq;
    }
    release(s);
    client.event(ConnectionEvent.Type.RECOVERED, null, s.name(),
      recovered + (recovered == 1 ? " message" : " messages") + " published while disconnected recovered from history");
  }

  private void lost(Scope s, int recovered, JunctionException e, long last) {
    synchronized (s.delivery) {
      s.recoveredTo = -1;
      s.lastSeq = last; // resume from what the scope has now
    }
    release(s);
    client.event(ConnectionEvent.Type.MESSAGES_LOST, null, s.name(),
      "messages published while disconnected may be lost (" + recovered + " recovered): " + e.getMessage());
  }

  /** Lets the held messages through (those the recovery did not deliver), then delivers directly. */
  private void release(Scope s) {
    synchronized (s.delivery) {
      List<Message> held = s.held;
      s.held = null;
      if (held == null) {
        return;
      }
      for (Message m : held) {
        if (m.seq() > s.recoveredTo) {
          s.lastSeq = Math.max(s.lastSeq, m.seq());
          deliver(m);
        }
      }
    }
  }

  /** Hands {@code m} to the handlers of its address; false when it has none. Holds the scope's delivery lock. */
  private boolean deliver(Message m) {
    List<Subscriptions.Handle> handles = client.subscriptions().handlers(m.address());
    for (Subscriptions.Handle h : handles) {
      client.callbacks().run(() -> {
        if (h.active) {
          h.handler.onMessage(m);
        }
      });
    }
    return !handles.isEmpty();
  }

  CompletableFuture<List<ScopeMember>> members(String scope) {
    return client.request("hub.scope.members", java.util.Collections.singletonMap("scope", scope)).thenApply(m -> {
      List<ScopeMember> out = new ArrayList<>();
      m.body().path("members").forEach(j -> out.add(ScopeMember.of(j)));
      return out;
    });
  }

  CompletableFuture<List<Message>> history(String scope, long after, int limit) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("scope", scope);
    if (after != Long.MIN_VALUE) {
      body.put("after", after);
    }
    body.put("limit", limit);
    return client.request(HISTORY, body).thenApply(m -> {
      List<Message> out = new ArrayList<>();
      m.body().path("messages").forEach(j -> out.add(Message.recovered(client, j)));
      return out;
    });
  }
}
