package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A scope the client joined ({@link JunctionClient#join}): its current members, kept up to date from the
 * presence events, and the newest sequence number the client has seen in it. The client joins it again after
 * every reconnect and, when the scope keeps history, delivers what was published while it was away before any
 * newer message (see {@link ConnectionEvent.Type#RECOVERED}). Thread-safe.
 */
public final class Scope {

  private final JunctionClient client;
  private final String name;
  private final Object meta;
  private final PresenceListener listener;
  final CompletableFuture<Scope> joined = new CompletableFuture<>();
  /** The presence subscription, or {@code null} when presence was not asked for. */
  volatile Subscription presence;

  // guarded by this
  private final Map<String, ScopeMember> members = new LinkedHashMap<>();
  private List<JsonNode> early;
  private String clientId;
  private boolean keepsHistory;
  private boolean active = true;
  private Link joinedOn;

  // guarded by delivery: the order of what reaches the handlers
  final Object delivery = new Object();
  /** The newest sequence number seen (delivered, recovered, or the last one when joining); -1: none. */
  volatile long lastSeq = -1;
  /** Messages published before it were delivered by the last recovery: later copies are duplicates. */
  long recoveredTo = -1;
  /** Live messages held back while the client is away or recovering; {@code null} when delivering directly. */
  List<Message> held;

  Scope(JunctionClient client, String name, Object meta, PresenceListener listener) {
    this.client = client;
    this.name = name;
    this.meta = meta;
    this.listener = listener;
  }

  public String name() {
    return name;
  }

  /** This connection's id in the scope ({@code client.<id>} reaches only it); it changes with each reconnect. */
  public synchronized String clientId() {
    return clientId;
  }

  /** The members, oldest first, this client included. */
  public synchronized List<ScopeMember> members() {
    return new ArrayList<>(members.values());
  }

  /** The newest sequence number the client saw in this scope (-1: none, or the scope keeps no history). */
  public long lastSeq() {
    return lastSeq;
  }

  /** Whether the scope keeps history, so missed messages can be recovered after a reconnect. */
  public synchronized boolean keepsHistory() {
    return keepsHistory;
  }

  /** False once left (or refused when joining again after a reconnect). */
  public synchronized boolean isActive() {
    return active;
  }

  /** Leaves the scope: the hub announces the leave; the client no longer joins it after reconnects. */
  public CompletableFuture<Void> leave() {
    return client.memberships().leave(this);
  }

  /** Up to {@code limit} messages kept after {@code after} (see {@link JunctionClient#history}). */
  public CompletableFuture<List<Message>> history(long after, int limit) {
    return client.history(name, after, limit);
  }

  Object meta() {
    return meta;
  }

  synchronized void deactivate() {
    active = false;
  }

  /** A join is on its way: presence events wait until its answer is in. */
  synchronized void joining() {
    if (early == null) {
      early = new ArrayList<>();
    }
  }

  /** True when the join is not yet sent on {@code l} (and now counts as sent). */
  synchronized boolean claim(Link l) {
    if (joinedOn == l) {
      return false;
    }
    joinedOn = l;
    return true;
  }

  /**
   * The hub's answer to a join: the member list becomes the answer's, with the events that came meanwhile on top.
   * The differences with the list before are told to the listener (after a reconnect, there may be some).
   * Returns whether this was the first join.
   */
  boolean joined(JsonNode reply) {
    List<Runnable> tell = new ArrayList<>();
    boolean first;
    synchronized (this) {
      first = clientId == null;
      clientId = reply.path("client").asText();
      keepsHistory = reply.has("last");
      Map<String, ScopeMember> before = new LinkedHashMap<>(members);
      members.clear();
      for (JsonNode m : reply.path("members")) {
        ScopeMember member = ScopeMember.of(m);
        members.put(member.client(), member);
      }
      if (early != null) {
        for (JsonNode e : early) {
          apply(e);
        }
        early = null;
      }
      if (!first && listener != null) {
        for (ScopeMember gone : before.values()) {
          if (!members.containsKey(gone.client())) {
            tell.add(() -> listener.onLeave(this, gone));
          }
        }
        for (ScopeMember now : members.values()) {
          if (!before.containsKey(now.client())) {
            tell.add(() -> listener.onJoin(this, now));
          }
        }
      }
    }
    if (first && reply.has("last")) {
      lastSeq = Math.max(lastSeq, reply.get("last").asLong());
    }
    for (Runnable r : tell) {
      client.callbacks().run(r);
    }
    return first;
  }

  /** A presence event ({@code {"event","member"}}), on the client's executor. */
  void presenceEvent(JsonNode event) {
    Runnable tell = null;
    synchronized (this) {
      if (early != null) {
        early.add(event);
        return;
      }
      ScopeMember m = apply(event);
      if (m != null && listener != null) {
        tell = "join".equals(event.path("event").asText()) ? () -> listener.onJoin(this, m) : () -> listener.onLeave(this, m);
      }
    }
    if (tell != null) {
      tell.run();
    }
  }

  /** Applies one event to the member list; the member when the list changed, else {@code null}. */
  private ScopeMember apply(JsonNode event) {
    ScopeMember m = ScopeMember.of(event.path("member"));
    if ("join".equals(event.path("event").asText())) {
      return members.putIfAbsent(m.client(), m) == null ? m : null;
    }
    return members.remove(m.client()) != null ? m : null;
  }

  @Override
  public String toString() {
    return "scope " + name;
  }
}
