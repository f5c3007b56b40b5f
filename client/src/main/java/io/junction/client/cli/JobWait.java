package io.junction.client.cli;

import io.junction.client.ConnectionEvent;
import io.junction.client.ConnectionListener;
import io.junction.client.ErrorId;
import io.junction.client.Job;
import io.junction.client.JobStatus;
import io.junction.client.JunctionException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code --wait}: follows a job to its end, printing each progress report and then the final status. Give it to
 * the client's options as their connection listener: after a reconnect it asks for the status again (an end
 * published while the client was away reached nobody, and the hub refuses to follow a finished job), and follows
 * again when the connection dropped before the following was in place.
 */
final class JobWait implements ConnectionListener {

  private final Cli cli;
  private final CompletableFuture<JobStatus> end = new CompletableFuture<>();
  private final AtomicBoolean following = new AtomicBoolean();
  private volatile Job job;

  JobWait(Cli cli) {
    this.cli = cli;
  }

  /** Waits for the end of {@code j}; the exit code: {@link Cli#OK} when it succeeded, else {@link Cli#JOB_ABORTED}. */
  int follow(Job j) throws Exception {
    job = j;
    watch(j);
    JobStatus last = end.get();
    cli.out.println(JobLines.status(last, cli.json));
    return last.succeeded() ? Cli.OK : Cli.JOB_ABORTED;
  }

  @Override
  public void onEvent(ConnectionEvent e) {
    Job j = job;
    if (e.type() != ConnectionEvent.Type.RESUBSCRIBED || j == null) {
      return;
    }
    if (following.compareAndSet(false, true)) {
      watch(j);
    } else {
      j.status().whenComplete((s, err) -> {
        if (!lost(err)) {
          asked(s, err);
        }
      });
    }
  }

  private void watch(Job j) {
    following.set(true);
    j.result(this::progress).whenComplete((s, err) -> {
      if (lost(err)) {
        following.set(false); // dropped while setting up: again after the reconnect
      } else {
        asked(s, err);
      }
    });
  }

  private void asked(JobStatus s, Throwable e) {
    if (e != null) {
      end.completeExceptionally(e);
    } else if (s.finished()) {
      end.complete(s);
    }
  }

  /** The connection dropped before the answer: the next reconnect asks again. */
  private static boolean lost(Throwable e) {
    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
    return cause instanceof JunctionException && ((JunctionException) cause).errorId() == ErrorId.CONNECTION_LOST;
  }

  private void progress(JobStatus s) {
    if (s.progress() != null && !end.isDone()) {
      cli.out.println(JobLines.status(s, cli.json));
      cli.out.flush();
    }
  }
}
