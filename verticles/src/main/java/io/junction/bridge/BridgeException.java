package io.junction.bridge;

/**
 * A refusal with its registry code and a detail for people. Thrown by checks shared by every transport; each
 * transport turns it into its own error frame or HTTP response. Carries no stack trace: it is control flow.
 */
public final class BridgeException extends RuntimeException {

  private final ErrorCode code;

  public BridgeException(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }
}
