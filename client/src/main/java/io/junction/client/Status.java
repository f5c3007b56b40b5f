package io.junction.client;

/** Where a client's connection stands. */
public enum Status {
  /** Connecting for the first time. */
  CONNECTING,
  /** Connected; calls go out at once. */
  CONNECTED,
  /** Lost its connection and is trying the servers again; calls are buffered. */
  RECONNECTING,
  /** Closed by {@link JunctionClient#close()} or after giving up reconnecting; calls fail. */
  CLOSED
}
