package io.junction;

/**
 * Every event-bus address the hub defines. {@code hub.*} is reserved for the hub's services: clients send there
 * only where the access policy permits, and never register there.
 */
public final class Addresses {

  /** Replies with what it gets. */
  public static final String ECHO = "hub.echo";
  /** Prefix of the hub's services. */
  public static final String HUB = "hub.";
  /** Prefix of pub/sub addresses inside scopes: {@code scope.<scope>.<topic...>}. */
  public static final String SCOPE = "scope.";
  /** Prefix of private inboxes: {@code user.<name>}. */
  public static final String USER = "user.";
  /** Prefix of job status events: {@code jobs.<token>}. */
  public static final String JOBS = "jobs.";

  private Addresses() {
  }
}
