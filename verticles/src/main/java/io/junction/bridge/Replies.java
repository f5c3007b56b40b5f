package io.junction.bridge;

import io.vertx.core.eventbus.ReplyException;

/** Turns event-bus request failures into registry errors, the same way for every transport. */
public final class Replies {

  private Replies() {
  }

  /** The registry error for a failed request. */
  public static ErrorCode codeOf(Throwable cause) {
    if (!(cause instanceof ReplyException)) {
      return ErrorCode.INTERNAL_ERROR;
    }
    ReplyException re = (ReplyException) cause;
    switch (re.failureType()) {
      case NO_HANDLERS:
        return ErrorCode.NO_HANDLERS;
      case TIMEOUT:
        return ErrorCode.TIMEOUT;
      case RECIPIENT_FAILURE:
        // failure codes 1000 to 7999 are the hub's own (for example connection_closed when the asked client left)
        ErrorCode own = byNumber(re.failureCode());
        return own != null ? own : ErrorCode.RECIPIENT_FAILURE;
      default:
        return ErrorCode.INTERNAL_ERROR;
    }
  }

  static ErrorCode byNumber(int number) {
    for (ErrorCode c : ErrorCode.values()) {
      if (c.code() == number) {
        return c;
      }
    }
    return null;
  }

  /** The failure frame for the client's request {@code replyTo} (made to {@code target}). */
  static <F> F failure(Wire<F> wire, String replyTo, String target, Throwable cause) {
    ErrorCode code = codeOf(cause);
    if (cause instanceof ReplyException) {
      ReplyException re = (ReplyException) cause;
      return wire.failure(replyTo, target, re.failureCode(), re.failureType().name(), re.getMessage(), code);
    }
    return wire.failure(replyTo, target, code.code(), code.id(), code.description(), code);
  }
}
