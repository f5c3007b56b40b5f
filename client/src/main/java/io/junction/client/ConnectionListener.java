package io.junction.client;

/** Told of every {@link ConnectionEvent}, on the client's callback executor. */
@FunctionalInterface
public interface ConnectionListener {
  void onEvent(ConnectionEvent event);
}
