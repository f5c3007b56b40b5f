package io.junction.hub;

import io.junction.bridge.Problems;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A Junction node inside the calling JVM, for tests and applications that embed the hub. Configuration keys are
 * given as key paths (as in {@code conf/hub.json}, for example {@code "tcp.port" -> "0"}) over the built-in
 * defaults; environment variables and system properties are not read. Thread-safe; {@link #close} stops the
 * node as SIGTERM would.
 */
public final class EmbeddedNode implements AutoCloseable {

  private final JunctionNode node;

  private EmbeddedNode(JunctionNode node) {
    this.node = node;
  }

  /**
   * Starts a node and waits until it is up.
   *
   * @throws IllegalArgumentException listing every configuration problem
   * @throws IllegalStateException    when the node could not start (a port in use, a locked data directory)
   */
  public static EmbeddedNode start(Map<String, String> config) {
    ConfigLoader loader = new ConfigLoader();
    HubConfig hubConfig = new HubConfig(loader.load(null, Map.of(), new Properties(), config), loader.problems);
    Problems problems = loader.problems;
    problems.throwIfAny();
    try {
      return new EmbeddedNode(JunctionNode.start(hubConfig).get(120, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("the node did not start: " + e, e);
    }
  }

  /** The TCP port the node listens on. */
  public int tcpPort() {
    return node.tcpPort();
  }

  /** The TLS port of the TCP endpoint ({@code tcp.tls}), or -1 when it has none. */
  public int tlsPort() {
    return node.core.port("tcp_tls");
  }

  /** The HTTP port the node listens on. */
  public int httpPort() {
    return node.httpPort();
  }

  /** The startup line the node process logs. */
  public String summary() {
    return node.summary();
  }

  /** Stops the node: clients are told {@code shutting_down}, the cluster is left, the data directory released. */
  @Override
  public void close() {
    node.stop();
  }
}
