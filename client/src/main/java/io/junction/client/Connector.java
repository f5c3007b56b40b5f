package io.junction.client;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The connection's life: the first connect, the pings that find a dead connection (even one whose socket stays
 * open), reconnecting across the server list with full-jitter backoff, and registering every subscription again
 * before user traffic resumes. Thread-safe: transitions hold {@code this}.
 */
final class Connector {

  private final JunctionClient client;
  private final Options options;
  private final List<URI> servers;
  private final ScheduledFuture<?> pinger;
  private Status status = Status.CONNECTING;
  private Link link;
  private int serverIndex;
  private Thread reconnector;
  private boolean hurry;

  Connector(JunctionClient client, Options options, ScheduledExecutorService timer) {
    this.client = client;
    this.options = options;
    this.servers = options.servers();
    long interval = options.pingInterval().toMillis();
    this.pinger = timer.scheduleAtFixedRate(this::ping, interval, interval, TimeUnit.MILLISECONDS);
  }

  synchronized Status status() {
    return status;
  }

  synchronized Link link() {
    return link;
  }

  /** Tries each server once, in order. @throws JunctionException {@code connect_failed} when none answers */
  void connectFirst() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      try {
        Link l = openAndLogIn(servers.get(i));
        serverIndex = i;
        established(l, false);
        return;
      } catch (IOException e) {
        failures.add(servers.get(i) + ": " + e.getMessage());
      }
    }
    throw new JunctionException(ErrorId.CONNECT_FAILED, "no server answered (" + String.join("; ", failures) + ")");
  }

  /**
   * Opens a connection and logs it in (when the options say so).
   *
   * @throws JunctionException the hub refused the login: another server of the cluster would too
   */
  private Link openAndLogIn(URI server) throws IOException {
    Link l = Link.open(server, options);
    try {
      client.login().logIn(l);
      return l;
    } catch (IOException | RuntimeException e) {
      l.close();
      throw e;
    }
  }

  /** A new connection is up: register the subscriptions, then let user traffic out. False if closed meanwhile. */
  private boolean established(Link l, boolean reconnect) {
    synchronized (this) {
      if (status == Status.CLOSED) {
        l.close();
        return false;
      }
      link = l;
      status = Status.CONNECTED;
    }
    client.outbox().attach(l);
    l.startReader(client);
    client.event(reconnect ? ConnectionEvent.Type.RECONNECTED : ConnectionEvent.Type.CONNECTED, l.server, null);
    List<Subscriptions.Entry> entries = client.subscriptions().claimFor(l);
    List<CompletableFuture<Message>> acks = new ArrayList<>();
    for (Subscriptions.Entry e : entries) {
      acks.add(client.subscriptions().register(e, l));
    }
    try {
      CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception someFailed) {
      // each failure was reported on its own; the others are in place
    }
    synchronized (this) {
      if (link != l) {
        return true;
      }
    }
    client.memberships().rejoin(l, options.requestTimeout().toMillis());
    client.jobs().reregister(l, options.requestTimeout().toMillis());
    synchronized (this) {
      if (link != l) {
        return true; // this connection died while registering again: the next one reports
      }
    }
    if (reconnect) {
      client.event(ConnectionEvent.Type.RESUBSCRIBED, l.server,
        entries.size() + (entries.size() == 1 ? " subscription" : " subscriptions") + " registered again");
    }
    client.outbox().open(l);
    if (reconnect) {
      client.jobs().reconnected();
    }
    return true;
  }

  /** The connection {@code l} failed (reader, writer or pings noticed). Starts reconnecting unless closed. */
  void lost(Link l, String reason) {
    synchronized (this) {
      if (link != l) {
        return;
      }
      link = null;
      if (status != Status.CLOSED) {
        status = Status.RECONNECTING;
      }
    }
    client.outbox().detach(l);
    client.memberships().disconnected();
    client.jobs().disconnected();
    l.close();
    JunctionException gone = new JunctionException(ErrorId.CONNECTION_LOST, reason);
    l.failPings(gone);
    client.pending().lost(l);
    client.event(ConnectionEvent.Type.DISCONNECTED, l.server, reason);
    synchronized (this) {
      if (status == Status.CLOSED) {
        return;
      }
      reconnector = new Thread(this::reconnect, "junction-reconnect");
      reconnector.setDaemon(true);
      reconnector.start();
    }
  }

  private void reconnect() {
    int attempt = 0;
    String lastFailure = null;
    while (true) {
      synchronized (this) {
        if (status == Status.CLOSED) {
          return;
        }
      }
      if (options.maxReconnects() >= 0 && attempt >= options.maxReconnects()) {
        client.closeAfterGivingUp("gave up after " + attempt + " reconnect attempts" + (lastFailure == null ? "" : "; last: " + lastFailure));
        return;
      }
      try {
        Thread.sleep(hurried() ? 0 : backoff(attempt));
      } catch (InterruptedException e) {
        if (status() == Status.CLOSED) {
          return;
        }
      }
      int index = (serverIndex + 1 + attempt) % servers.size();
      URI server = servers.get(index);
      client.event(ConnectionEvent.Type.RECONNECTING, server, "attempt " + (attempt + 1));
      try {
        Link l = openAndLogIn(server);
        serverIndex = index;
        established(l, true);
        return;
      } catch (IOException e) {
        lastFailure = server + ": " + e.getMessage();
      } catch (JunctionException refused) {
        if (refused.errorId() != ErrorId.TOO_MANY_ATTEMPTS) {
          client.loginRefused(refused);
          return;
        }
        lastFailure = server + ": " + refused.getMessage();
      }
      attempt++;
    }
  }

  private synchronized boolean hurried() {
    boolean h = hurry;
    hurry = false;
    return h;
  }

  /** Drops the current connection (or cuts short the wait between attempts) and connects again at once. */
  void reconnectNow() {
    Link l;
    synchronized (this) {
      if (status == Status.CLOSED) {
        return;
      }
      l = link;
      hurry = true;
      if (l == null && reconnector != null) {
        reconnector.interrupt();
      }
    }
    if (l != null) {
      client.linkLost(l, "reconnect requested by the application");
    }
  }

  /** Full jitter: a random wait between 0 and min(max, base × 2^attempt). */
  private long backoff(int attempt) {
    long base = options.reconnectDelay().toMillis();
    long cap = Math.min(options.maxReconnectDelay().toMillis(), base << Math.min(attempt, 20));
    return ThreadLocalRandom.current().nextLong(cap + 1);
  }

  private void ping() {
    Link l = link();
    if (l == null) {
      return;
    }
    if (l.pingsOut() >= options.maxPingsOut()) {
      client.linkLost(l, "no pong to " + options.maxPingsOut() + " pings in a row (the server does not answer)");
      return;
    }
    l.pingSent(null);
    client.outbox().control(l, Frames.PING);
  }

  /** Stops everything; returns the connection that was open, if any (the caller drains and closes it). */
  Link close() {
    Thread r;
    Link l;
    synchronized (this) {
      if (status == Status.CLOSED) {
        return null;
      }
      status = Status.CLOSED;
      r = reconnector;
      l = link;
    }
    pinger.cancel(false);
    if (r != null) {
      r.interrupt();
    }
    return l;
  }

  /** After {@link #close()} and the drain: forget the connection. */
  synchronized void forget() {
    link = null;
  }
}
