package io.junction.client.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.client.Message;
import io.junction.client.RawJson;

import java.io.PrintStream;
import java.util.Map;

/**
 * The {@code junction} command line: {@code pub}, {@code sub}, {@code req}, {@code ping} and {@code bench}
 * against Junction nodes over TCP. Exit codes: 0 done, 1 could not connect (or lost the connection), 2 bad
 * usage, 3 the server refused (the error id is printed).
 */
public final class Main {

  static final String USAGE = String.join("\n",
    "Usage: junction [--server URL]... [--json] [--timeout MS] COMMAND ...",
    "",
    "Commands:",
    "  pub ADDRESS JSON [--count N]     publish JSON to ADDRESS (N times)",
    "  sub ADDRESS [--count N]          print messages published to ADDRESS (until N arrived)",
    "  req ADDRESS JSON                 send a request and print the reply's body",
    "  ping [--count N]                 ping the server and print the round trip",
    "  bench w1|w2|rr [--messages N] [--subscribers N] [--size BYTES] [--address A]",
    "                                   pub/sub throughput (w1: 1 subscriber, w2: 10) or request-reply latency (rr)",
    "",
    "Options:",
    "  --server URL    tcp://host:port or tls://host:port; repeat for more servers (default tcp://127.0.0.1:7000)",
    "  --json          machine-readable output: one JSON object per line",
    "  --timeout MS    connect and request timeout (default 5000)",
    "",
    "Exit codes: 0 done, 1 could not connect, 2 bad usage, 3 the server refused (the error id is printed).");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Main() {
  }

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    Cli cli = new Cli(out, err);
    try {
      Args args = Args.parse(argv);
      if (args.flags.contains("--help") || args.positionals.isEmpty()) {
        (args.flags.contains("--help") ? out : err).println(USAGE);
        return args.flags.contains("--help") ? Cli.OK : Cli.USAGE;
      }
      cli.servers.addAll(args.servers);
      for (String s : cli.servers) {
        io.junction.client.Options.builder().server(s);
      }
      cli.json = args.flags.contains("--json");
      cli.timeoutMs = Cli.number("--timeout", args.value("--timeout", "5000"), 1);
      switch (args.positionals.get(0)) {
        case "pub": return PubCommand.run(cli, args);
        case "sub": return SubCommand.run(cli, args);
        case "req": return ReqCommand.run(cli, args);
        case "ping": return PingCommand.run(cli, args);
        case "bench": return BenchCommand.run(cli, args);
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
