package io.junction.job;

/**
 * One job as the store keeps it: who submitted which command with which arguments under which token, and where it
 * stands. JSON values (args, progress, response) are kept as JSON text. Immutable: transitions make new values.
 */
public final class Job {

  /** Accepted: queued or running. */
  public static final String BUSY = "busy";
  public static final String SUCCESS = "success";
  public static final String ABORTED = "aborted";

  public final String token;
  public final String command;
  /** The user who submitted it, or {@code null} for an anonymous client. */
  public final String owner;
  public final String args;
  public final String status;
  public final String progress;
  public final String response;
  public final String reason;
  public final long created;
  public final long updated;
  /** How many times it was started (a retryable job may run again after a crash). */
  public final int attempts;

  public Job(String token, String command, String owner, String args, String status, String progress, String response,
             String reason, long created, long updated, int attempts) {
    this.token = token;
    this.command = command;
    this.owner = owner;
    this.args = args;
    this.status = status;
    this.progress = progress;
    this.response = response;
    this.reason = reason;
    this.created = created;
    this.updated = updated;
    this.attempts = attempts;
  }

  /** A new busy job. */
  public static Job submitted(String token, String command, String owner, String args, long now) {
    return new Job(token, command, owner, args, BUSY, null, null, null, now, now, 0);
  }

  public boolean finished() {
    return !BUSY.equals(status);
  }

  public Job started(long now) {
    return new Job(token, command, owner, args, status, progress, response, reason, created, now, attempts + 1);
  }

  public Job withProgress(String progressJson, long now) {
    return new Job(token, command, owner, args, status, progressJson, response, reason, created, now, attempts);
  }

  public Job succeeded(String responseJson, long now) {
    return new Job(token, command, owner, args, SUCCESS, progress, responseJson, null, created, now, attempts);
  }

  public Job aborted(String why, long now) {
    return new Job(token, command, owner, args, ABORTED, progress, null, why, created, now, attempts);
  }

  @Override
  public String toString() {
    return token + " " + command + " " + status + (reason == null ? "" : " (" + reason + ")");
  }
}
