package io.junction.hub;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's command line. Flags that set a configuration key are kept as key paths with their text, applied
 * last (flags win over everything). {@code --flag VALUE} and {@code --flag=VALUE} are both accepted.
 */
final class Args {

  static final String USAGE = String.join("\n",
    "Usage: java -jar junction-hub.jar [options]",
    "       java -jar junction-hub.jar users add|passwd|remove|list ...   (users --help)",
    "",
    "Runs a Junction node: TCP, SockJS/WebSocket and HTTP clients on one clustered event bus.",
    "",
    "Options:",
    "  --conf FILE              configuration file (JSON, keys as in --print-default-config)",
    "  --cluster-config FILE    Hazelcast configuration (default: the cluster.xml in the jar)",
    "  --standalone             run without a cluster",
    "  --node-name NAME         this node's name (default: host name and process id)",
    "  --tcp-port N             TCP endpoint port (default 7000; 0 = any free port)",
    "  --http-port N            HTTP endpoint port (default 8080; 0 = any free port)",
    "  --data-dir DIR           data directory (default ./data); one node per directory",
    "  --check-config           validate the configuration, print it, and exit",
    "  --print-default-config   print the built-in configuration and exit",
    "  --help                   print this help and exit",
    "",
    "Every configuration key can also be set by an environment variable (tcp.port: JUNCTION_TCP_PORT)",
    "or a system property (-Djunction.tcp.port=7001). Precedence, lowest first: built-in defaults,",
    "--conf file, environment, system properties, flags.",
    "",
    "Exit codes: 0 stopped cleanly, 1 failed to start or run, 2 bad usage or configuration.");

  private static final Map<String, String> VALUE_FLAGS = Map.of(
    "--cluster-config", "cluster.config",
    "--node-name", "node.name",
    "--tcp-port", "tcp.port",
    "--http-port", "http.port",
    "--data-dir", "node.data_dir");

  String conf;
  boolean help;
  boolean checkConfig;
  boolean printDefaultConfig;
  /** Key path to the flag's text, in the order given. */
  final Map<String, String> overrides = new LinkedHashMap<>();

  /** @throws IllegalArgumentException with a message for the user */
  static Args parse(String[] argv) {
    Args a = new Args();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "--help":
        case "-h":
          a.help = true;
          break;
        case "--check-config":
          a.checkConfig = true;
          break;
        case "--print-default-config":
          a.printDefaultConfig = true;
          break;
        case "--standalone":
          a.overrides.put("cluster.enabled", "false");
          break;
        case "--conf":
          a.conf = value != null ? value : next(argv, ++i, arg);
          break;
        default:
          String key = VALUE_FLAGS.get(arg);
          if (key == null) {
            throw new IllegalArgumentException("unknown option " + argv[i]);
          }
          a.overrides.put(key, value != null ? value : next(argv, ++i, arg));
      }
    }
    return a;
  }

  private static String next(String[] argv, int i, String flag) {
    if (i >= argv.length || argv[i].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return argv[i];
  }
}
