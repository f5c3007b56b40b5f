package io.junction.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the servers the benchmark compares, each in its own process on 127.0.0.1 and free ports, and stops every
 * one it started (also from the shutdown hook): Junction nodes from the hub jar (standalone, or two clustered on a
 * Hazelcast configuration of their own), the stock Vert.x bridges, {@code nats-server} and the Socket.IO relay.
 */
final class Servers implements AutoCloseable {

  private static final Pattern JUNCTION_PORTS = Pattern.compile(" tcp [^ ]+:(\\d+), http [^ ]+:(\\d+)");
  private static final Path NATS = Path.of("/usr/sbin/nats-server");

  private final Path jar;
  private final Path tmp;
  private final List<ServerProcess> started = Collections.synchronizedList(new ArrayList<>());
  private int nodes;

  Servers(Path jar, Path tmp) {
    this.jar = jar;
    this.tmp = tmp;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private synchronized int next() {
    return ++nodes;
  }

  private ServerProcess track(ServerProcess s) {
    started.add(s);
    return s;
  }

  /** A standalone Junction node from the jar, with {@code jvmArgs} (system properties) before {@code -jar}. */
  ServerProcess junction(String name, List<String> jvmArgs) throws Exception {
    return junctionNode(name, jvmArgs, List.of("--standalone"));
  }

  /**
   * Two Junction nodes clustered with each other only: a unique cluster name and Hazelcast ports of their own.
   * Returned once both are up; whether they see each other is for the caller to check ({@code /health}).
   */
  List<ServerProcess> junctionCluster(String name, List<String> jvmArgs) throws Exception {
    Path config = tmp.resolve("cluster-" + next() + ".xml");
    Files.writeString(config, clusterXml("junction-bench-" + UUID.randomUUID().toString().substring(0, 8), hazelcastBase()));
    List<String> flags = List.of("--cluster-config", config.toString());
    List<java.util.concurrent.Future<ServerProcess>> both = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (String n : List.of("A", "B")) {
        both.add(pool.submit(() -> junctionNode(name + " node " + n, jvmArgs, flags)));
      }
      List<ServerProcess> out = new ArrayList<>();
      for (java.util.concurrent.Future<ServerProcess> f : both) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  private String clusterXml(String clusterName, int port) throws IOException {
    try (InputStream in = Servers.class.getResourceAsStream("/bench/cluster.xml")) {
      if (in == null) {
        throw new IllegalStateException("bench/cluster.xml is missing from the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
        .replace("${cluster.name}", clusterName).replace("${port}", String.valueOf(port));
    }
  }

  /** A random base port in 5900..6899 whose next four ports are free (a user's own nodes take 5701 and up). */
  private static int hazelcastBase() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 5900 + ThreadLocalRandom.current().nextInt(1000);
      boolean free = true;
      for (int p = base; p < base + 4 && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
          s.getLocalPort();
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no four free ports in 5900..6899");
  }

  private ServerProcess junctionNode(String name, List<String> jvmArgs, List<String> flags) throws Exception {
    int n = next();
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-jar", jar.toString(), "--tcp-port", "0", "--http-port", "0",
      "--data-dir", tmp.resolve("node-" + n).toString(), "--node-name", "bench-" + n));
    cmd.addAll(flags);
    ServerProcess s = track(ServerProcess.start(name, cmd, Map.of(), Map.of(), " up in ", 120));
    Matcher m = JUNCTION_PORTS.matcher(s.awaitOutput(" up in ", 1));
    if (!m.find()) {
      throw new IllegalStateException("no ports in the start line of " + name);
    }
    s.setPort("tcp", Integer.parseInt(m.group(1)));
    s.setPort("http", Integer.parseInt(m.group(2)));
    return s;
  }

  /** The stock Vert.x TCP event-bus bridge ({@link StockBridgeServer}). */
  ServerProcess stockTcp() throws Exception {
    int port = freePort();
    return track(ServerProcess.start("stock TCP bridge 5.0.8", List.of(java(), "-cp", System.getProperty("java.class.path"),
      StockBridgeServer.class.getName(), String.valueOf(port)), Map.of(), Map.of("tcp", port), "LISTENING ", 60));
  }

  /** The stock vertx-web SockJS bridge ({@link StockSockJsServer}). */
  ServerProcess stockSockJs() throws Exception {
    int port = freePort();
    return track(ServerProcess.start("stock SockJS bridge (vertx-web 5.0)", List.of(java(), "-cp",
      System.getProperty("java.class.path"), StockSockJsServer.class.getName(), String.valueOf(port)),
      Map.of(), Map.of("http", port), "LISTENING ", 60));
  }

  static boolean natsInstalled() {
    return Files.isExecutable(NATS);
  }

  /**
   * A nats-server on a free port with its monitoring port ({@code /varz}); with {@code webSocket} also its WebSocket
   * listener (no TLS, no compression).
   */
  ServerProcess nats(boolean webSocket) throws Exception {
    int port = freePort();
    int ws = freePort();
    int monitor = freePort();
    Path conf = tmp.resolve("nats-" + next() + ".conf");
    Files.writeString(conf, "listen: \"127.0.0.1:" + port + "\"\nhttp: \"127.0.0.1:" + monitor + "\"\n"
      + (webSocket ? "websocket {\n  listen: \"127.0.0.1:" + ws + "\"\n  no_tls: true\n}\n" : ""));
    return track(ServerProcess.start("NATS " + version(), List.of(NATS.toString(), "-c", conf.toString()),
      Map.of(), Map.of("tcp", port, "ws", ws, "monitor", monitor), "Server is ready", 30));
  }

  /** Two nats-servers in a route cluster, routes connected. */
  List<ServerProcess> natsCluster() throws Exception {
    int[] client = {freePort(), freePort()};
    int[] route = {freePort(), freePort()};
    String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    List<ServerProcess> out = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      out.add(track(ServerProcess.start("NATS " + version() + " node " + (char) ('A' + i), List.of(NATS.toString(),
        "-a", "127.0.0.1", "-p", String.valueOf(client[i]), "--cluster_name", cluster,
        "--cluster", "nats://127.0.0.1:" + route[i], "--routes", "nats://127.0.0.1:" + route[1 - i]),
        Map.of(), Map.of("tcp", client[i]), "Server is ready", 30)));
    }
    for (ServerProcess s : out) {
      s.awaitOutput("Route connection created", 30);
    }
    return out;
  }

  private static String version() {
    try {
      Process p = new ProcessBuilder(NATS.toString(), "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return v.replaceAll(".*v(\\d+\\.\\d+)\\S*", "$1");
    } catch (IOException e) {
      return "?";
    }
  }

  /** Why the Socket.IO relay cannot run here, or {@code null} when it can. */
  static String socketIoMissing() {
    Path modules = Path.of(System.getProperty("junction.bench.node_modules", "hub/target/bench-node/node_modules"));
    if (!Files.isDirectory(modules.resolve("socket.io"))) {
      return "no " + modules.resolve("socket.io") + " (bin/bench installs it with npm when npm is available)";
    }
    if (!Files.isExecutable(Path.of("/usr/bin/node")) && !Files.isExecutable(Path.of("/usr/local/bin/node"))) {
      return "node is not installed";
    }
    return null;
  }

  ServerProcess socketIo() throws Exception {
    Path modules = Path.of(System.getProperty("junction.bench.node_modules", "hub/target/bench-node/node_modules"));
    Path script = Path.of(System.getProperty("junction.bench.scripts", "hub/src/test/node/bench")).resolve("socketio-server.js");
    ServerProcess s = track(ServerProcess.start("Socket.IO 4.8", List.of("node", script.toString()),
      Map.of("NODE_PATH", modules.toAbsolutePath().toString()), Map.of(), "LISTENING ", 30));
    s.setPort("http", Integer.parseInt(s.awaitOutput("LISTENING ", 1).replaceAll("\\D", "")));
    return s;
  }

  /** Stops one server now. */
  void stop(ServerProcess s) {
    s.close();
    started.remove(s);
  }

  @Override
  public void close() {
    List<ServerProcess> all;
    synchronized (started) {
      all = new ArrayList<>(started);
      started.clear();
    }
    all.parallelStream().forEach(ServerProcess::close);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
