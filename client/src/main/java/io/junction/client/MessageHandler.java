package io.junction.client;

/** Receives the messages of a subscription, one at a time, on the client's callback executor. */
@FunctionalInterface
public interface MessageHandler {
  void onMessage(Message message);
}
