package io.junction.bridge;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How one transport writes server-to-client frames. Every transport speaks its own wire format, so each has a
 * {@code Wire}; a new transport is a new wire plus a small verticle. Implementations are stateless singletons.
 *
 * @param <F> the frame type the transport writes ({@code Buffer} for byte streams, {@code String} for text)
 */
public abstract class Wire<F> {

  /** Upper bound of wire instances; each gets a slot in {@link Delivery}'s frame cache. */
  static final int MAX = 8;
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  final int id;

  protected Wire() {
    id = NEXT_ID.getAndIncrement();
    if (id >= MAX) {
      throw new IllegalStateException("more than " + MAX + " wire formats");
    }
  }

  /**
   * A message for the client.
   *
   * @param replyAddress set when the sender waits for the client's reply
   * @param send         true for point-to-point messages and replies, false for published ones
   */
  public abstract F message(String address, byte[] headers, Payload body, String replyAddress, boolean send);

  /** An error that concerns no particular request. */
  public abstract F error(ErrorCode code, String detail);

  /**
   * The failure of a request the client made with {@code replyAddress}, addressed to that reply address so the
   * client's callback gets it. {@code failureType} is the event bus's (NO_HANDLERS, TIMEOUT, RECIPIENT_FAILURE)
   * or, when the hub refused the request itself, the error id.
   */
  public abstract F failure(String replyAddress, String sourceAddress, int failureCode, String failureType,
                            String message, ErrorCode code);

  /** The answer to a ping, or {@code null} when the transport has none. */
  public abstract F pong();
}
