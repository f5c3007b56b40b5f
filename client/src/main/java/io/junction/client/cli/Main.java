package io.junction.client.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.Message;
import io.junction.client.RawJson;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * The {@code junction} command line: {@code pub}, {@code sub}, {@code req}, the scope commands {@code join},
 * {@code members} and {@code history}, the job commands ({@code job submit|status|confirm|cancel|worker}),
 * {@code ping}, {@code bench} and {@code login} against Junction nodes over TCP or TLS, anonymous or logged in.
 * Exit codes: 0 done, 1 could not connect (or lost the connection), 2 bad usage, 3 the server refused (the error
 * id is printed), 4 the job waited for ended aborted.
 */
public final class Main {

  static final String USAGE = String.join("\n",
    "Usage: junction [--server URL]... [--json] [--timeout MS] [--user NAME | --token T] [--tls] [--ca FILE] COMMAND ...",
    "",
    "Commands:",
    "  pub ADDRESS JSON [--count N]     publish JSON to ADDRESS (N times)",
    "  sub ADDRESS [--count N]          print messages published to ADDRESS (until N arrived)",
    "  req ADDRESS JSON                 send a request and print the reply's body",
    "  join SCOPE [--meta JSON] [--topic T]... [--count N]",
    "                                   join SCOPE (meta: a JSON object the members see), print its members, then",
    "                                   who joins and leaves and what is published to scope.SCOPE.T (until N of these)",
    "  members SCOPE                    print the members of SCOPE: client id, user, node, transport, meta",
    "  history SCOPE [--after SEQ] [--limit N]",
    "                                   print the messages SCOPE kept, oldest first, with their seq: those after SEQ",
    "                                   (-1: from its first), else all it still keeps (at most N)",
    "  job submit COMMAND [ARGS_JSON] [--job-token T] [--wait]",
    "                                   submit a job (ARGS_JSON: an object; T: a token of your own, safe to submit",
    "                                   again) and print TOKEN busy; --wait: then its progress, and TOKEN success",
    "                                   RESPONSE or TOKEN aborted REASON once it ends",
    "  job status TOKEN [--wait]        print the job's status (--wait: follow it to its end, as above)",
    "  job confirm TOKEN                tell the hub to forget the finished job",
    "  job cancel TOKEN                 end the busy job (aborted, reason cancelled) and print its status",
    "  job worker COMMAND... [--capacity N] [--retryable] [--exec SHELL_COMMAND] [--count N]",
    "                                   run the jobs of these commands (--capacity at once each), printing TOKEN",
    "                                   COMMAND done|failed REASON|cancelled, until Ctrl-C (or --count jobs). The",
    "                                   response is the args, or with --exec the stdout of sh -c SHELL_COMMAND (args",
    "                                   JSON on stdin, $JUNCTION_JOB_TOKEN and $JUNCTION_JOB_COMMAND set; exit N > 0",
    "                                   fails the job: exit N: LAST LINE OF STDERR). --retryable: jobs cut off by a",
    "                                   lost connection may run again on another worker",
    "  ping [--count N]                 ping the server and print the round trip",
    "  bench w1|w2|rr|jobs [--messages N] [--subscribers N] [--size BYTES] [--address A] [--window N]",
    "                                   pub/sub throughput (w1: 1 subscriber, w2: 10), request-reply latency (rr),",
    "                                   or echo jobs submitted, followed to success and confirmed, --window at once",
    "  login --user NAME                log in and print the token (for --token, or JUNCTION_TOKEN)",
    "",
    "Options:",
    "  --server URL      tcp://host:port or tls://host:port (host:port: tcp, or tls with --tls); repeat for more",
    "                    servers (default tcp://127.0.0.1:7000, with --tls tls://127.0.0.1:7443)",
    "  --json            machine-readable output: one JSON object per line",
    "  --timeout MS      connect and request timeout (default 5000)",
    "  --user NAME       log in as NAME; the password comes from JUNCTION_PASSWORD, --password-stdin (one line),",
    "                    or a prompt",
    "  --token T         log in with a token (also JUNCTION_TOKEN)",
    "  --tls             connect with TLS",
    "  --ca FILE         trust the CA certificates in FILE (PEM) instead of the system's; implies --tls",
    "  --cert FILE --key FILE   present this client certificate (PEM; the key unencrypted PKCS#8)",
    "",
    "Exit codes: 0 done, 1 could not connect, 2 bad usage, 3 the server refused (the error id is printed),",
    "4 the job ended aborted (job submit|status --wait).");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Main() {
  }

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    return run(argv, out, err, new Credentials(System.getenv(), System.in, System.console()));
  }

  static int run(String[] argv, PrintStream out, PrintStream err, Credentials credentials) {
    Cli cli = new Cli(out, err, credentials);
    try {
      Args args = Args.parse(argv);
      if (args.flags.contains("--help") || args.positionals.isEmpty()) {
        (args.flags.contains("--help") ? out : err).println(USAGE);
        return args.flags.contains("--help") ? Cli.OK : Cli.USAGE;
      }
      cli.configure(args);
      switch (args.positionals.get(0)) {
        case "pub": return PubCommand.run(cli, args);
        case "sub": return SubCommand.run(cli, args);
        case "req": return ReqCommand.run(cli, args);
        case "join": return JoinCommand.run(cli, args);
        case "members": return MembersCommand.run(cli, args);
        case "history": return HistoryCommand.run(cli, args);
        case "job": return JobCommand.run(cli, args);
        case "ping": return PingCommand.run(cli, args);
        case "bench": return BenchCommand.run(cli, args);
        case "login": return LoginCommand.run(cli, args);
        default: throw new Cli.UsageException("unknown command " + args.positionals.get(0));
      }
    } catch (Cli.UsageException | IllegalArgumentException e) {
      err.println("junction: " + e.getMessage());
      err.println("Try junction --help.");
      return Cli.USAGE;
    } catch (Exception e) {
      return cli.fail(e);
    }
  }

  /** A command-line JSON argument. @throws Cli.UsageException when it is not JSON */
  static RawJson json(String text) {
    try {
      return RawJson.of(text);
    } catch (IllegalArgumentException e) {
      throw new Cli.UsageException("\"" + text + "\" is not JSON (quote strings: '\"text\"')");
    }
  }

  /** A command-line JSON object, for {@code what}. @throws Cli.UsageException when it is not one */
  static JsonNode object(String text, String what) {
    JsonNode node;
    try {
      node = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new Cli.UsageException(what + " needs a JSON object, got \"" + text + "\"");
    }
    return node;
  }

  /** One line of {@code {"address","headers","body"}}. */
  static String line(String address, Message m) {
    StringBuilder sb = new StringBuilder("{\"address\":").append(quote(address)).append(",\"headers\":{");
    boolean first = true;
    for (Map.Entry<String, String> h : m.headers().entrySet()) {
      sb.append(first ? "" : ",").append(quote(h.getKey())).append(':').append(quote(h.getValue()));
      first = false;
    }
    try {
      return sb.append("},\"body\":").append(MAPPER.writeValueAsString(m.body())).append('}').toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.append('"').toString();
  }
}
