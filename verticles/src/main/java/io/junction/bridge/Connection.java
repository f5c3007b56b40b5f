package io.junction.bridge;

/**
 * A transport's side of a session: writes frames, reports congestion and closes. Every method is called on the
 * connection's own event loop.
 *
 * @param <F> the frame type of {@link #wire()}
 */
public interface Connection<F> {

  /** The wire format of this connection. */
  Wire<F> wire();

  /** {@code tcp}, {@code sockjs}, {@code websocket} or {@code sse}. */
  String transport();

  /** The peer's address, for logs. */
  String remoteAddress();

  /** The peer's IP address (no port), for per-address limits. */
  String remoteHost();

  /** Whether the client can send frames, and so answer requests and ping (false for Server-Sent Events). */
  default boolean duplex() {
    return true;
  }

  /** Queues a frame; transports may batch writes until the end of the event-loop turn. */
  void write(F frame);

  /**
   * Bytes queued for the client and not yet written to its socket (batched frames included). Transports also add
   * them to the node's {@link OutboundBudget} and release them once written or dropped with the connection.
   */
  long queuedBytes();

  /** Runs {@code action} once when the queue is down to half of {@code limits.outbound_buffer_bytes}. */
  void onDrain(Runnable action);

  /** Once a second from the session's housekeeping: for heartbeats of transports that have them. */
  default void tick(long now) {
  }

  /** Stops reading from the client (used while a registration completes). */
  void pause();

  /** Reads from the client again. */
  void resume();

  /**
   * Closes the connection after the frames written so far, telling the client {@code reason} in the transport's
   * own way (a close code on WebSocket). The session's error frame, if any, was written before.
   */
  void close(ErrorCode reason);
}
