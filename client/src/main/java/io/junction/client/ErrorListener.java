package io.junction.client;

/**
 * Told of errors that concern no call with a future of its own: a refused {@code publish} or {@code send}, a
 * closing error from the hub ({@code shutting_down}, {@code slow_consumer}, ...), a subscription refused again
 * after a reconnect. Called on the client's callback executor.
 */
@FunctionalInterface
public interface ErrorListener {
  void onError(JunctionException error);
}
