package io.junction.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client's subscriptions: handlers by address, one hub registration per address, registered on each new
 * connection exactly once. Thread-safe (the table is guarded by this object; handler lists are copy-on-write).
 */
final class Subscriptions {

  private final JunctionClient client;
  private final Map<String, Entry> byAddress = new HashMap<>();

  Subscriptions(JunctionClient client) {
    this.client = client;
  }

  /** One address: its handlers and its registration. */
  final class Entry {
    final String address;
    final List<Handle> handles = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    Link registeredOn;

    Entry(String address) {
      this.address = address;
    }
  }

  /** One handler's subscription. */
  final class Handle implements Subscription {
    final Entry entry;
    final MessageHandler handler;
    volatile boolean active = true;

    Handle(Entry entry, MessageHandler handler) {
      this.entry = entry;
      this.handler = handler;
    }

    @Override
    public String address() {
      return entry.address;
    }

    @Override
    public CompletableFuture<Void> ready() {
      return entry.ready;
    }

    @Override
    public void unsubscribe() {
      remove(this);
    }

    @Override
    public boolean isActive() {
      return active;
    }
  }

  Subscription add(String address, MessageHandler handler, Link current) {
    Handle h;
    boolean register;
    synchronized (this) {
      Entry e = byAddress.get(address);
      register = e == null && current != null;
      if (e == null) {
        e = new Entry(address);
        byAddress.put(address, e);
        e.registeredOn = current;
      }
      h = new Handle(e, handler);
      e.handles.add(h);
    }
    if (register) {
      register(h.entry, current);
    }
    return h;
  }

  private void remove(Handle h) {
    boolean last;
    Link on;
    synchronized (this) {
      if (!h.active) {
        return;
      }
      h.active = false;
      h.entry.handles.remove(h);
      last = h.entry.handles.isEmpty() && byAddress.get(h.entry.address) == h.entry;
      if (last) {
        byAddress.remove(h.entry.address);
      }
      on = h.entry.registeredOn;
    }
    if (last) {
      unregister(h.entry.address, on);
    }
  }

  /** Registers {@code e} on {@code l} with an acknowledgement; a refusal voids the subscription. */
  CompletableFuture<Message> register(Entry e, Link l) {
    Pending.Call call = client.pending().create(client.options().requestTimeout().toMillis());
    call.sentOn = l;
    call.result.whenComplete((m, err) -> {
      if (err == null) {
        e.ready.complete(null);
      } else if (err instanceof JunctionException && refusal(((JunctionException) err).errorId())) {
        refused(e, (JunctionException) err);
        client.callbacks().error((JunctionException) err);
      }
    });
    if (!client.outbox().control(l, Frames.register(e.address, call.address))) {
      client.pending().fail(call.address, new JunctionException(ErrorId.CONNECTION_LOST, "disconnected before registering"));
    }
    return call.result;
  }

  private static boolean refusal(ErrorId id) {
    return id != ErrorId.CONNECTION_LOST && id != ErrorId.CLIENT_CLOSED && id != ErrorId.TIMEOUT;
  }

  private void unregister(String address, Link on) {
    if (on != null && on == client.link()) {
      client.outbox().control(on, Frames.unregister(address));
    }
  }

  /** The entries not yet registered on {@code l}, now marked as registered there. */
  synchronized List<Entry> claimFor(Link l) {
    List<Entry> todo = new ArrayList<>();
    for (Entry e : byAddress.values()) {
      if (e.registeredOn != l) {
        e.registeredOn = l;
        todo.add(e);
      }
    }
    return todo;
  }

  /** The hub refused the registration: the subscription is void; its handlers get nothing more. */
  void refused(Entry e, JunctionException error) {
    synchronized (this) {
      if (byAddress.get(e.address) == e) {
        byAddress.remove(e.address);
      }
      for (Handle h : e.handles) {
        h.active = false;
      }
      e.handles.clear();
    }
    e.ready.completeExceptionally(error);
  }

  /** The handlers for a message to {@code address}, or an empty list. */
  List<Handle> handlers(String address) {
    Entry e;
    synchronized (this) {
      e = byAddress.get(address);
    }
    return e == null ? java.util.Collections.<Handle>emptyList() : e.handles;
  }
}
