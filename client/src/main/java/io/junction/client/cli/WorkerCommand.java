package io.junction.client.cli;

import io.junction.client.ErrorId;
import io.junction.client.JobTask;
import io.junction.client.JunctionClient;
import io.junction.client.JunctionException;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code junction job worker COMMAND... [--capacity N] [--retryable] [--exec SHELL_COMMAND] [--count N]}: takes
 * the jobs of these commands, N at once per command, and prints one line per job ({@link WorkerOutput}) until N
 * jobs were handled, or forever. Without {@code --exec} a job's response is its arguments (an echo worker, to try
 * things out); with it, a {@link ShellJob} runs each. {@code --retryable}: the jobs it runs when its connection
 * drops may run again on another worker (else they end {@code worker_lost}). Survives the node restarting: the
 * client registers again after every reconnect.
 */
final class WorkerCommand {

  private WorkerCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("job worker", "--capacity", "--retryable", "--exec", "--count");
    if (args.positionals.size() < 3) {
      throw new Cli.UsageException("usage: junction job worker COMMAND... [--capacity N] [--retryable] "
        + "[--exec SHELL_COMMAND] [--count N]");
    }
    List<String> commands = args.positionals.subList(2, args.positionals.size());
    int capacity = (int) Math.min(Integer.MAX_VALUE, Cli.number("--capacity", args.value("--capacity", "1"), 1));
    boolean retryable = args.flags.contains("--retryable");
    long count = Cli.number("--count", args.value("--count", "0"), 0);
    String exec = args.values.get("--exec");
    if (exec == null) {
      return work(cli, commands, capacity, retryable, new WorkerOutput(cli, JobTask::args, count));
    }
    ShellJob shell = new ShellJob(exec);
    WorkerOutput out = new WorkerOutput(cli, shell, count);
    // stopped (Ctrl-C, kill), the JVM closes nothing: end the jobs' processes and leave their jobs to the hub
    Thread stop = new Thread(() -> {
      out.leave();
      shell.close();
    }, "junction-worker-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      return work(cli, commands, capacity, retryable, out);
    } finally {
      Runtime.getRuntime().removeShutdownHook(stop);
      shell.close();
    }
  }

  private static int work(Cli cli, List<String> commands, int capacity, boolean retryable, WorkerOutput out) {
    try (JunctionClient client = cli.connect(cli.options(false).errorListener(e -> told(cli, e)).build())) {
      client.work(commands, capacity, retryable, out).get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
      cli.err.println("junction: working on " + String.join(", ", commands) + " (" + capacity + " at once) on "
        + client.currentServer());
      out.awaitEnough();
      return Cli.OK;
    } catch (Exception e) {
      return cli.fail(e);
    }
  }

  /** A refusal without a future (a report the hub did not take, a registration again refused after a reconnect). */
  private static void told(Cli cli, JunctionException e) {
    if (e.errorId() != ErrorId.CLIENT_CLOSED) { // the command closed it: the last answers may find no one
      cli.err.println("junction: " + e.getMessage());
    }
  }
}
