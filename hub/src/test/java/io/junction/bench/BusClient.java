package io.junction.bench;

import java.io.IOException;

/**
 * What the workloads need of a pub/sub client, whatever it speaks: subscribe, publish pre-encoded frames through a
 * write buffer, and count the messages that arrive without decoding them.
 */
interface BusClient extends AutoCloseable {

  /** Writes and flushes a subscription to {@code address}. */
  void subscribe(String address) throws IOException;

  /** Returns once the server has handled this client's earlier frames, as far as its protocol can tell. */
  void sync() throws IOException;

  /** The frame that publishes {@code body} (JSON) to {@code address}, encoded once before the clock starts. */
  byte[] publishFrame(String address, byte[] body);

  /** A request to {@code address} whose reply comes back to this client as one message. */
  default byte[] requestFrame(String address, byte[] body) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " makes no requests");
  }

  /** Appends an encoded frame to the write buffer (written when it is full or flushed). */
  void write(byte[] frame) throws IOException;

  void flush() throws IOException;

  /** Reads the next unit the server sent; returns how many messages it held, -1 when the server closed. */
  int read() throws IOException;

  /** Whether the server told this client it was a slow consumer. */
  default boolean slowConsumer() {
    return false;
  }

  /** What the server said when it closed the connection, when it said anything. */
  default String closeReason() {
    return null;
  }

  /** This client's local TCP port (to find its connection in /proc/net/tcp). */
  int localPort();

  @Override
  void close();

  /** Opens a client. */
  @FunctionalInterface
  interface Factory {
    BusClient open() throws IOException;
  }
}
