package io.junction.hub;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;

/**
 * The node process: parse the command line, load and validate the configuration, start the node, log one line
 * that says what runs where, and stop cleanly on SIGTERM or SIGINT (exit 0). Exit codes: 1 when the node fails to
 * start (Vert.x and Hazelcast threads would otherwise keep a failed JVM alive), 2 for bad usage or configuration.
 */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] argv) {
    // before any Hazelcast class loads, so even its first lines go through the node's logging
    System.setProperty("hazelcast.logging.type", System.getProperty("hazelcast.logging.type", "slf4j"));
    if (argv.length > 0 && argv[0].equals("users")) {
      System.exit(new UsersCommand(System.out, System.err, System.in, System.console())
        .run(java.util.Arrays.asList(argv).subList(1, argv.length), System.getenv(), System.getProperties()));
      return;
    }
    HubConfig config;
    try {
      config = configure(argv, System.getenv(), System.getProperties(), System.out, System.err);
    } catch (Exit e) {
      System.exit(e.code);
      return;
    }
    JunctionNode node;
    try {
      node = JunctionNode.start(config).get();
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      log.error("node failed to start: {}", cause.getMessage());
      log.debug("start failure", cause);
      System.exit(1);
      return;
    }
    log.info(node.summary());
    Runnable stop = () -> stop(node);
    Signal.handle(new Signal("TERM"), s -> new Thread(stop, "junction-shutdown").start());
    Signal.handle(new Signal("INT"), s -> new Thread(stop, "junction-shutdown").start());
  }

  private static void stop(JunctionNode node) {
    try {
      node.stop();
      System.exit(0);
    } catch (Throwable e) {
      // whatever went wrong (an Error too, such as a class that cannot load any more because the jar was
      // replaced under the running node), the process must end: a node stuck in STOPPING serves nobody
      log.error("node did not stop cleanly: {}", e.toString());
      System.exit(1);
    }
  }

  /**
   * Everything before the node starts. Returns the configuration to run with, or throws {@link Exit} after
   * printing help, the default configuration, the checked configuration, or the problems found.
   */
  static HubConfig configure(String[] argv, Map<String, String> env, Properties props, PrintStream out, PrintStream err) {
    Args args;
    try {
      args = Args.parse(argv);
    } catch (IllegalArgumentException e) {
      err.println("junction: " + e.getMessage());
      err.println("Try --help.");
      throw new Exit(2);
    }
    if (args.help) {
      out.println(Args.USAGE);
      throw new Exit(0);
    }
    if (args.printDefaultConfig) {
      out.print(ConfigLoader.defaultsText());
      throw new Exit(0);
    }
    ConfigLoader loader = new ConfigLoader();
    JsonObject json = loader.load(args.conf, env, props, args.overrides);
    loader.warnings.forEach(w -> err.println("junction: warning: " + w));
    HubConfig config = new HubConfig(json, loader.problems);
    if (!loader.problems.isEmpty()) {
      loader.problems.lines().forEach(p -> err.println("junction: config: " + p));
      throw new Exit(2);
    }
    if (args.checkConfig) {
      out.println(config.effective().encodePrettily());
      out.println("configuration OK");
      throw new Exit(0);
    }
    return config;
  }

  /** Ends {@link #configure} with an exit code. */
  static final class Exit extends RuntimeException {
    final int code;

    Exit(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }
}
