package io.junction.bridge;

/**
 * A service of this node that answers a client's request on the client's own event loop, without an event-bus
 * dispatch or a thread hop: registered with {@link BridgeCore#answerLocally}. It must answer at once and never
 * block; a request that needs I/O belongs on the bus.
 */
@FunctionalInterface
public interface LocalService {

  /**
   * The reply body to {@code body}; its headers are the request's ({@code timeout} and {@code junction.*} from the
   * client dropped, {@code junction.user} set for a logged-in caller), as an event-bus reply would carry them.
   *
   * @throws BridgeException to refuse the request with that error
   */
  Payload answer(Payload body);
}
