package io.junction.client;

/**
 * Something that happened to a client's connection: which kind, to which server, when, and why. A value object;
 * new fields may be added, so listeners should not depend on {@code toString()}.
 */
public final class ConnectionEvent {

  /** The kinds of event, in the order a client meets them. */
  public enum Type {
    /** The first connection is up. */
    CONNECTED,
    /** The connection was lost (see {@link #reason()}). */
    DISCONNECTED,
    /** Trying to connect again (one event per attempt). */
    RECONNECTING,
    /** Connected again (possibly to another server). */
    RECONNECTED,
    /** After a reconnect, every subscription is registered again and every scope joined again; buffered messages go out next. */
    RESUBSCRIBED,
    /**
     * After a reconnect, a scope with history ({@link #scope()}) delivered what was published while the client
     * was away, before any newer message; {@link #reason()} says how many.
     */
    RECOVERED,
    /**
     * After a reconnect, a scope ({@link #scope()}) could not deliver everything published while the client was
     * away: the scope no longer keeps it ({@code history_gone}) or the history request failed.
     */
    MESSAGES_LOST,
    /** The client is closed and will not reconnect. */
    CLOSED
  }

  private final Type type;
  private final String server;
  private final long timeMillis;
  private final String reason;
  private final String scope;

  ConnectionEvent(Type type, String server, String reason) {
    this(type, server, null, reason);
  }

  ConnectionEvent(Type type, String server, String scope, String reason) {
    this.type = type;
    this.server = server;
    this.scope = scope;
    this.timeMillis = System.currentTimeMillis();
    this.reason = reason;
  }

  public Type type() {
    return type;
  }

  /** The server concerned ({@code tcp://host:port}), or {@code null}. */
  public String server() {
    return server;
  }

  /** When it happened, in milliseconds since the epoch. */
  public long timeMillis() {
    return timeMillis;
  }

  /** The scope of a RECOVERED or MESSAGES_LOST event, else {@code null}. */
  public String scope() {
    return scope;
  }

  /** Why (for DISCONNECTED, CLOSED and failed attempts), or {@code null}. */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return type + (scope == null ? "" : " scope " + scope) + (server == null ? "" : " " + server) + (reason == null ? "" : " (" + reason + ")");
  }
}
