package io.junction.client.cli;

import io.junction.client.Job;
import io.junction.client.JobStatus;

import java.util.concurrent.ExecutionException;

/**
 * {@code --wait}: follows a job to its end, printing each progress report and then the final status. The client
 * keeps following across reconnects (it asks for the status again after each, so an end published while it was
 * away is not missed).
 */
final class JobWait {

  private final Cli cli;

  JobWait(Cli cli) {
    this.cli = cli;
  }

  /** Waits for the end of {@code j}; the exit code: {@link Cli#OK} when it succeeded, else {@link Cli#JOB_ABORTED}. */
  int follow(Job j) throws Exception {
    JobStatus last;
    try {
      last = j.result(this::progress).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
    cli.out.println(JobLines.status(last, cli.json));
    return last.succeeded() ? Cli.OK : Cli.JOB_ABORTED;
  }

  private void progress(JobStatus s) {
    if (s.progress() != null) {
      cli.out.println(JobLines.status(s, cli.json));
      cli.out.flush();
    }
  }
}
