package io.junction.client.cli;

import io.junction.client.JunctionException;
import io.junction.client.Message;
import io.junction.client.MessageHandler;
import io.junction.client.PresenceListener;
import io.junction.client.Scope;
import io.junction.client.ScopeMember;
import io.junction.client.Subscription;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What {@code junction join} prints: the member list once, then presence events and topic messages, until
 * {@code count} of those were printed ({@link #done} completes; 0: never). Events can be told before the join's
 * answer reaches the command, when the member list already shows them: each member is printed joining, and
 * leaving, at most once, so the lines always add up to the members there are. Thread-safe.
 */
final class JoinOutput implements PresenceListener, MessageHandler {

  private final Cli cli;
  private final long count;
  /** Completes when {@code count} lines were printed; fails when the membership or a topic ended. */
  final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile Scope scope;
  private final List<Subscription> topics = new CopyOnWriteArrayList<>();

  // guarded by this
  private final Set<String> shown = new HashSet<>();
  private boolean listed;
  private long printed;

  JoinOutput(Cli cli, long count) {
    this.cli = cli;
    this.count = count;
  }

  /** Prints the member list, unless an event printed it already. */
  synchronized void list(Scope s) {
    scope = s;
    if (listed) {
      return;
    }
    listed = true;
    for (ScopeMember m : s.members()) {
      shown.add(m.client());
      print(ScopeLines.member(m, cli.json), false);
    }
  }

  /** A topic whose messages are printed: when the hub refuses it again after a reconnect, the command ends. */
  void watch(Subscription topic) {
    topics.add(topic);
  }

  @Override
  public synchronized void onJoin(Scope s, ScopeMember member) {
    list(s);
    if (shown.add(member.client())) {
      print(ScopeLines.event("join", member, cli.json), true);
    }
  }

  @Override
  public synchronized void onLeave(Scope s, ScopeMember member) {
    list(s);
    if (shown.remove(member.client())) {
      print(ScopeLines.event("leave", member, cli.json), true);
    }
  }

  @Override
  public synchronized void onMessage(Message m) {
    print(ScopeLines.message(m, cli.json), true);
  }

  /**
   * An error without a future of its own: it ends the command when it ended the membership or a topic (refused
   * when joining or subscribing again after a reconnect); others concern nothing this command waits for.
   */
  void error(JunctionException e) {
    Scope s = scope;
    boolean ended = s != null && !s.isActive();
    for (Subscription t : topics) {
      ended |= !t.isActive();
    }
    if (ended) {
      done.completeExceptionally(e);
    }
  }

  private void print(String line, boolean counts) {
    if (done.isDone()) {
      return;
    }
    cli.out.println(line);
    cli.out.flush();
    if (counts && count > 0 && ++printed >= count) {
      done.complete(null);
    }
  }
}
