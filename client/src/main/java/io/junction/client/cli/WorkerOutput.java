package io.junction.client.cli;

import io.junction.client.JobTask;
import io.junction.client.JobWorker;

import java.util.concurrent.CountDownLatch;

/**
 * What {@code junction job worker} prints, around the handler that does the work: one line per job (see
 * {@link JobLines#handled}), until {@code count} jobs were handled (0: never) or the process stops. Then the worker
 * is leaving: jobs that end, start or are interrupted later get no answer, so the hub settles them as for any worker
 * that goes away (offered again with {@code --retryable}, else {@code worker_lost}). Thread-safe.
 */
final class WorkerOutput implements JobWorker {

  private final Cli cli;
  private final JobWorker work;
  private final long count;
  private final CountDownLatch enough = new CountDownLatch(1);
  private volatile boolean stopping;

  // guarded by this
  private long counted;

  WorkerOutput(Cli cli, JobWorker work, long count) {
    this.cli = cli;
    this.work = work;
    this.count = count;
  }

  @Override
  public Object run(JobTask task) throws Exception {
    if (leaving()) {
      holdUnanswered();
    }
    Object response;
    try {
      response = work.run(task);
    } catch (Exception e) {
      if (!handled(task, task.cancelled() ? JobLines.CANCELLED : JobLines.FAILED, reason(e))) {
        holdUnanswered();
      }
      throw e;
    }
    if (!handled(task, task.cancelled() ? JobLines.CANCELLED : JobLines.DONE, response)) {
      holdUnanswered();
    }
    return response;
  }

  /**
   * Waits until {@code count} jobs were handled (forever when 0). Closing the client afterwards lets the last job's
   * thread queue its report and writes it before the connection ends.
   */
  void awaitEnough() throws InterruptedException {
    enough.await();
  }

  /** The process is stopping (Ctrl-C, kill): jobs that end from now on get no answer. */
  void leave() {
    stopping = true;
  }

  /** Prints the line and counts the job; false when the worker is leaving (nothing printed, no answer to give). */
  private synchronized boolean handled(JobTask task, String outcome, Object detail) {
    if (leaving()) {
      return false;
    }
    cli.out.println(JobLines.handled(task, outcome, detail, cli.json));
    cli.out.flush();
    if (count > 0 && ++counted >= count) {
      enough.countDown();
    }
    return true;
  }

  private boolean leaving() {
    return stopping || enough.getCount() == 0;
  }

  /** The reason the client reports for a handler's exception. */
  private static String reason(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Never returns, even when interrupted: the client would report whatever the handler returned or threw. The
   * client's worker threads are daemons; this one ends with the process.
   */
  private static void holdUnanswered() {
    CountDownLatch never = new CountDownLatch(1);
    while (true) {
      try {
        never.await();
      } catch (InterruptedException closing) {
        // still no answer
      }
    }
  }
}
