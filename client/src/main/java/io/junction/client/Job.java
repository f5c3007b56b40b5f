package io.junction.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A job this client submitted ({@link JunctionClient#submit}): ask its status, wait for its end, follow its
 * progress, confirm or cancel it. Thread-safe.
 */
public final class Job {

  private final JunctionClient client;
  private final JobStatus submitted;

  Job(JunctionClient client, JobStatus submitted) {
    this.client = client;
    this.submitted = submitted;
  }

  public String token() {
    return submitted.token();
  }

  /** The status the submit answered (busy, or the status of the job that already had this token). */
  public JobStatus submitted() {
    return submitted;
  }

  /** Asks the hub. Fails with {@code unknown_token} once confirmed or expired. */
  public CompletableFuture<JobStatus> status() {
    return client.jobs().call("hub.jobs.status", token());
  }

  /**
   * Completes with the final status ({@code success} or {@code aborted}) once the job ends; {@code progress}, if
   * not null, gets each busy status with progress meanwhile. Follows the status events on {@code jobs.<token>},
   * and asks once after subscribing, so an end that came first is not missed.
   */
  public CompletableFuture<JobStatus> result(Consumer<JobStatus> progress) {
    return client.jobs().follow(this, progress);
  }

  public CompletableFuture<JobStatus> result() {
    return result(null);
  }

  /** Tells the hub to forget the finished job. Fails with {@code job_not_finished} while it is busy. */
  public CompletableFuture<Void> confirm() {
    return client.jobs().call("hub.jobs.confirm", token()).thenApply(s -> (Void) null);
  }

  /** Ends a busy job ({@code aborted}, reason {@code cancelled}); the future has the status after. */
  public CompletableFuture<JobStatus> cancel() {
    return client.jobs().call("hub.jobs.cancel", token());
  }

  @Override
  public String toString() {
    return "job " + token();
  }
}
