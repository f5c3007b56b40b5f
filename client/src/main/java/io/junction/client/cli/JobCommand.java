package io.junction.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.client.Job;
import io.junction.client.JobStatus;
import io.junction.client.JunctionClient;

import java.util.concurrent.TimeUnit;

/**
 * {@code junction job submit|status|confirm|cancel|worker ...}: the hub's long-running commands (docs/jobs.md).
 * {@code submit} prints the token and status ({@code TOKEN busy}); {@code status} and {@code cancel} print the
 * status, {@code confirm} {@code TOKEN confirmed} (see {@link JobLines}). With {@code --wait}, submit and status
 * follow the job to its end ({@link JobWait}) and exit {@link Cli#JOB_ABORTED} when it ended aborted. The hub's
 * refusals ({@code bad_command}, {@code unknown_token}, {@code job_not_finished}, ...) exit
 * {@link Cli#SERVER_ERROR}. {@code worker} is {@link WorkerCommand}.
 */
final class JobCommand {

  private JobCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    String sub = args.positionals.size() < 2 ? "" : args.positionals.get(1);
    switch (sub) {
      case "submit":
        return submit(cli, args);
      case "status":
      case "confirm":
      case "cancel":
        return ask(cli, args, sub);
      case "worker":
        return WorkerCommand.run(cli, args);
      default:
        throw new Cli.UsageException("usage: junction job submit|status|confirm|cancel|worker ... (see --help)");
    }
  }

  private static int submit(Cli cli, Args args) throws Exception {
    args.only("job submit", "--job-token", "--wait");
    int n = args.positionals.size();
    if (n < 3 || n > 4) {
      throw new Cli.UsageException("usage: junction job submit COMMAND [ARGS_JSON] [--job-token T] [--wait]");
    }
    JsonNode jobArgs = n == 4 ? Main.object(args.positionals.get(3), "ARGS_JSON") : null;
    boolean wait = args.flags.contains("--wait");
    JobWait follow = new JobWait(cli);
    try (JunctionClient client = cli.connect(cli.options(!wait).build())) {
      Job job = client.submit(args.positionals.get(2), args.values.get("--job-token"), jobArgs)
        .get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
      cli.out.println(JobLines.status(job.submitted(), cli.json));
      cli.out.flush();
      return wait ? follow.follow(job) : Cli.OK;
    } catch (Exception e) {
      return cli.fail(e);
    }
  }

  private static int ask(Cli cli, Args args, String what) throws Exception {
    boolean status = what.equals("status");
    if (status) {
      args.only("job status", "--wait");
    } else {
      args.only("job " + what);
    }
    if (args.positionals.size() != 3) {
      throw new Cli.UsageException("usage: junction job " + what + " TOKEN" + (status ? " [--wait]" : ""));
    }
    boolean wait = args.flags.contains("--wait");
    JobWait follow = new JobWait(cli);
    try (JunctionClient client = cli.connect(cli.options(!wait).build())) {
      Job job = client.job(args.positionals.get(2));
      if (wait) {
        return follow.follow(job);
      }
      if (what.equals("confirm")) {
        job.confirm().get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
        cli.out.println(JobLines.confirmed(job.token(), cli.json));
        return Cli.OK;
      }
      JobStatus s = (status ? job.status() : job.cancel()).get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
      cli.out.println(JobLines.status(s, cli.json));
      return Cli.OK;
    } catch (Exception e) {
      return cli.fail(e);
    }
  }
}
