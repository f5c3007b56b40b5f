package io.junction.bridge;

/** The frame types a client may send; the same on every bridge transport. */
public enum FrameType {
  SEND,
  PUBLISH,
  REGISTER,
  UNREGISTER,
  PING;

  /** The type named {@code name}, or {@code null}. */
  public static FrameType of(String name) {
    switch (name) {
      case "send": return SEND;
      case "publish": return PUBLISH;
      case "register": return REGISTER;
      case "unregister": return UNREGISTER;
      case "ping": return PING;
      default: return null;
    }
  }
}
