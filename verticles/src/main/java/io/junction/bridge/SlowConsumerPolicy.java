package io.junction.bridge;

/** What happens to a client whose outbound buffer is full. */
public enum SlowConsumerPolicy {
  /** Drop messages for that client, count them, and tell it how many it lost once it catches up. */
  DROP,
  /** Send {@code slow_consumer} and close the connection. */
  DISCONNECT;

  public static SlowConsumerPolicy parse(String s) {
    switch (s) {
      case "drop": return DROP;
      case "disconnect": return DISCONNECT;
      default: throw new IllegalArgumentException("must be \"drop\" or \"disconnect\", got \"" + s + "\"");
    }
  }

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
