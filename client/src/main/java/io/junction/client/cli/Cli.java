package io.junction.client.cli;

import io.junction.client.ConnectionEvent;
import io.junction.client.ConnectionListener;
import io.junction.client.ErrorId;
import io.junction.client.JunctionClient;
import io.junction.client.JunctionException;
import io.junction.client.Options;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What every command shares: the global options, the output streams, and how to connect. */
final class Cli {

  static final int OK = 0;
  static final int CONNECTION_FAILED = 1;
  static final int USAGE = 2;
  static final int SERVER_ERROR = 3;
  /** The job the command waited for ended {@code aborted}. */
  static final int JOB_ABORTED = 4;

  static final String DEFAULT_TLS_SERVER = "tls://127.0.0.1:7443";

  final List<String> servers = new ArrayList<>();
  boolean json;
  long timeoutMs = 5000;
  final PrintStream out;
  final PrintStream err;
  final Credentials credentials;
  boolean tls;
  String ca;
  String cert;
  String key;

  Cli(PrintStream out, PrintStream err, Credentials credentials) {
    this.out = out;
    this.err = err;
    this.credentials = credentials;
  }

  /** Reads the global options: servers, output, timeout, TLS and who to log in as. */
  void configure(Args args) {
    ca = args.values.get("--ca");
    cert = args.values.get("--cert");
    key = args.values.get("--key");
    tls = args.flags.contains("--tls") || ca != null || cert != null;
    for (String s : args.servers) {
      servers.add(s.contains("://") ? s : (tls ? "tls://" : "tcp://") + s);
    }
    for (String s : servers) {
      Options.builder().server(s);
    }
    json = args.flags.contains("--json");
    timeoutMs = number("--timeout", args.value("--timeout", "5000"), 1);
    if ((cert == null) != (key == null)) {
      throw new UsageException("--cert and --key go together");
    }
    credentials.configure(args);
  }

  /** Options for a client of these servers; connection events are told on stderr unless {@code quiet}. */
  Options.Builder options(boolean quiet) {
    Options.Builder b = Options.builder()
      .connectTimeout(Duration.ofMillis(timeoutMs))
      .requestTimeout(Duration.ofMillis(timeoutMs));
    String fallback = tls ? DEFAULT_TLS_SERVER : Options.DEFAULT_SERVER;
    for (String s : servers.isEmpty() ? java.util.Collections.singletonList(fallback) : servers) {
      b.server(s);
    }
    if (ca != null || cert != null) {
      b.sslContext(TlsFiles.context(ca, cert, key));
    }
    credentials.apply(b);
    if (!quiet) {
      b.connectionListener(this::tell);
    }
    return b;
  }

  /** Options whose connection events are told on stderr, then passed to {@code also}. */
  Options.Builder options(ConnectionListener also) {
    return options(true).connectionListener(e -> {
      tell(e);
      also.onEvent(e);
    });
  }

  JunctionClient connect(Options options) {
    return JunctionClient.connect(options);
  }

  private void tell(ConnectionEvent e) {
    switch (e.type()) {
      case DISCONNECTED:
        err.println("junction: disconnected from " + e.server() + " (" + e.reason() + "); reconnecting");
        break;
      case RECONNECTED:
        err.println("junction: reconnected to " + e.server());
        break;
      case RESUBSCRIBED:
        err.println("junction: subscriptions are back");
        break;
      case RECOVERED:
      case MESSAGES_LOST:
        err.println("junction: scope " + e.scope() + ": " + e.reason());
        break;
      default:
        break;
    }
  }

  /** The exit code for a failure, after saying what it was on stderr. */
  int fail(Throwable t) {
    Throwable e = t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException
      ? t.getCause() : t;
    if (e instanceof UsageException) {
      err.println("junction: " + e.getMessage());
      return USAGE;
    }
    if (e instanceof JunctionException) {
      JunctionException je = (JunctionException) e;
      err.println("junction: " + je.getMessage());
      ErrorId id = je.errorId();
      boolean connection = id == ErrorId.CONNECT_FAILED || id == ErrorId.CONNECTION_LOST || id == ErrorId.CLIENT_CLOSED;
      return connection ? CONNECTION_FAILED : SERVER_ERROR;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    err.println("junction: " + e);
    return CONNECTION_FAILED;
  }

  /** Thrown for bad command lines. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static long number(String name, String value, long min) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a number, got \"" + value + "\"");
    }
    if (n < min) {
      throw new UsageException(name + " must be at least " + min + ", got " + n);
    }
    return n;
  }
}
