package io.junction.client;

/**
 * An error from the hub (an {@code err} frame) or from this client, typed by {@link #errorId()}. Requests fail
 * their future with it; errors that concern no call of yours go to the {@link ErrorListener}.
 */
public class JunctionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorId errorId;
  private final int failureCode;

  public JunctionException(ErrorId errorId, String message) {
    this(errorId, message, errorId.code(), null);
  }

  public JunctionException(ErrorId errorId, String message, int failureCode, Throwable cause) {
    super(errorId.id() + ": " + message, cause);
    this.errorId = errorId;
    this.failureCode = failureCode;
  }

  /** What went wrong. */
  public ErrorId errorId() {
    return errorId;
  }

  /**
   * For {@link ErrorId#RECIPIENT_FAILURE}: the code the recipient failed the request with. Otherwise the error's
   * number (or -1 for the event bus's own NO_HANDLERS and TIMEOUT failures).
   */
  public int failureCode() {
    return failureCode;
  }
}
