package io.junction.client.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command line: positionals, and options anywhere ({@code --name value}, {@code --name=value}, flags). */
final class Args {

  private static final Set<String> FLAGS = new HashSet<>(java.util.Arrays.asList("--json", "--help", "-h", "--tls",
    "--password-stdin", "--wait", "--retryable"));
  /** Flags only some commands take. */
  private static final Set<String> COMMAND_FLAGS = new HashSet<>(java.util.Arrays.asList("--wait", "--retryable"));
  private static final Set<String> VALUED = new HashSet<>(java.util.Arrays.asList(
    "--server", "--timeout", "--count", "--messages", "--subscribers", "--size", "--address", "--window", "--user", "--token",
    "--ca", "--cert", "--key", "--meta", "--topic", "--after", "--limit", "--job-token", "--capacity", "--exec"));
  /** Options every command takes. */
  private static final Set<String> GLOBAL = new HashSet<>(java.util.Arrays.asList("--timeout", "--user", "--token",
    "--ca", "--cert", "--key"));

  final List<String> positionals = new ArrayList<>();
  final List<String> servers = new ArrayList<>();
  /** The last value of each option. */
  final Map<String, String> values = new HashMap<>();
  /** Every value of each option, in order: for those that may be repeated ({@code --topic}). */
  private final Map<String, List<String>> every = new HashMap<>();
  final Set<String> flags = new HashSet<>();

  static Args parse(String[] argv) {
    Args a = new Args();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (!arg.startsWith("-") || arg.equals("-")) {
        a.positionals.add(arg);
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (FLAGS.contains(name) && value == null) {
        a.flags.add(name.equals("-h") ? "--help" : name);
      } else if (VALUED.contains(name)) {
        if (value == null) {
          if (i + 1 >= argv.length) {
            throw new Cli.UsageException(name + " needs a value");
          }
          value = argv[++i];
        }
        if (name.equals("--server")) {
          a.servers.add(value);
        } else {
          a.values.put(name, value);
          a.every.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
      } else if (looksLikeJson(arg)) {
        a.positionals.add(arg);
      } else {
        throw new Cli.UsageException("unknown option " + arg);
      }
    }
    return a;
  }

  /** Negative numbers are JSON bodies, not options. */
  private static boolean looksLikeJson(String arg) {
    return arg.length() > 1 && Character.isDigit(arg.charAt(1));
  }

  /** Refuses options (and flags of other commands) the command does not take. */
  void only(String command, String... allowed) {
    Set<String> ok = new HashSet<>(java.util.Arrays.asList(allowed));
    for (String name : values.keySet()) {
      if (!ok.contains(name) && !GLOBAL.contains(name)) {
        throw new Cli.UsageException(command + " does not take " + name);
      }
    }
    for (String flag : flags) {
      if (COMMAND_FLAGS.contains(flag) && !ok.contains(flag)) {
        throw new Cli.UsageException(command + " does not take " + flag);
      }
    }
  }

  String value(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** Every value given for {@code name}, in order; empty when none. */
  List<String> all(String name) {
    return every.getOrDefault(name, java.util.Collections.<String>emptyList());
  }
}
