package io.junction;

/**
 * Every event-bus address the hub defines. {@code hub.*} is reserved for the hub's services: clients send there
 * only where the access policy permits, and never register there.
 */
public final class Addresses {

  /** Replies with what it gets. */
  public static final String ECHO = "hub.echo";
  /** {@code {"username","password"}} or {@code {"token"}}: logs the connection in (handled by the bridge itself). */
  public static final String AUTH_LOGIN = "hub.auth.login";
  /** Replies with who the connection is (handled by the bridge itself). */
  public static final String AUTH_WHOAMI = "hub.auth.whoami";
  /** A logged-in connection's token again, with a new expiry. */
  public static final String AUTH_REFRESH = "hub.auth.refresh";
  /** Prefix of the identity addresses, all answered by the bridge itself (never forwarded to the bus). */
  public static final String AUTH = "hub.auth.";
  /** Admins only: every user with roles and last login. */
  public static final String AUTH_USERS = "hub.auth.users";
  /** Prefix of the hub's services. */
  public static final String HUB = "hub.";
  /** Prefix of pub/sub addresses inside scopes: {@code scope.<scope>.<topic...>}. */
  public static final String SCOPE = "scope.";
  /** Prefix of private inboxes: {@code user.<name>}. */
  public static final String USER = "user.";
  /** Prefix of one connection's direct address: {@code client.<id>} (the id from join or whoami). */
  public static final String CLIENT = "client.";
  /** The topic of a scope's join and leave events: {@code scope.<name>.presence}. */
  public static final String PRESENCE_SUFFIX = ".presence";
  /** {@code {"scope", "meta"}}: joins a scope; replies with the members. */
  public static final String SCOPE_JOIN = "hub.scope.join";
  /** {@code {"scope"}}: leaves a scope. */
  public static final String SCOPE_LEAVE = "hub.scope.leave";
  /** {@code {"scope"}}: replies with the members of a scope. */
  public static final String SCOPE_MEMBERS = "hub.scope.members";
  /** {@code {"scope", "after", "limit"}}: replies with the messages of a scope after sequence number {@code after}. */
  public static final String SCOPE_HISTORY = "hub.scope.history";
  /** Prefix of the hub's own scope addresses. */
  public static final String SCOPE_SERVICE = "hub.scope.";
  /** Prefix of job status events: {@code jobs.<token>}. */
  /** {@code {"command","token"?,"args"?}} → {@code {"token","status":"busy",...}} once the job is durable. */
  public static final String JOBS_SUBMIT = "hub.jobs.submit";
  /** {@code {"token"}} → the job's status. */
  public static final String JOBS_STATUS = "hub.jobs.status";
  /** {@code {"token"}}: forgets a finished job. */
  public static final String JOBS_CONFIRM = "hub.jobs.confirm";
  /** {@code {"token"}}: ends a busy job, reason {@code cancelled}. */
  public static final String JOBS_CANCEL = "hub.jobs.cancel";
  public static final String JOBS_SERVICE = "hub.jobs.";
  /** {@code {"commands":[...],"capacity"?,"retryable"?}}: this connection becomes a worker for those commands. */
  public static final String JOBS_WORK = "hub.jobs.work";
  /** From a worker: {@code {"token","progress"}}. */
  public static final String JOBS_PROGRESS = "hub.jobs.progress";
  /** From a worker: {@code {"token","response"}}: the job succeeded. */
  public static final String JOBS_DONE = "hub.jobs.done";
  /** From a worker: {@code {"token","reason"}}: the job failed. */
  public static final String JOBS_FAIL = "hub.jobs.fail";
  public static final String JOBS = "jobs.";

  private Addresses() {
  }
}
