package io.junction.client;

/**
 * Told who joins and leaves a scope the client is in, on the client's executor, in the order the hub announced
 * it. After a reconnect, the differences between the member list before and after are reported the same way, so
 * {@link Scope#members()} and what the listener was told always agree.
 */
public interface PresenceListener {

  default void onJoin(Scope scope, ScopeMember member) {
  }

  default void onLeave(Scope scope, ScopeMember member) {
  }
}
