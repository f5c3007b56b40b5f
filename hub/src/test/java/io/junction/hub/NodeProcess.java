package io.junction.hub;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node as a user runs it: {@code java -jar junction-hub.jar ...} in its own process; output lines are kept. */
final class NodeProcess implements AutoCloseable {

  private static final Pattern TCP = Pattern.compile(" tcp [^ ]+:(\\d+)");
  private static final Pattern HTTP = Pattern.compile(" http [^ ]+:(\\d+)");

  final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private volatile boolean eof;
  private final List<String> all = new ArrayList<>();
  int tcpPort = -1;
  int httpPort = -1;

  private NodeProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (all) {
            all.add(line);
          }
          lines.add(line);
        }
      } catch (Exception ignored) {
        // process gone
      }
      eof = true;
    }, "node-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  static Path jar() {
    String jar = System.getProperty("junction.hub.jar");
    if (jar == null) {
      throw new AssertionError("system property junction.hub.jar is not set (run through Maven's failsafe)");
    }
    return Path.of(jar);
  }

  /** Starts {@code java [jvmArgs] -jar junction-hub.jar [args]} in this run's test cluster; output merged. */
  static NodeProcess launch(List<String> jvmArgs, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djunction.cluster.name=" + Nodes.CLUSTER);
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    try {
      return new NodeProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    } catch (Exception e) {
      throw new AssertionError("cannot start " + cmd, e);
    }
  }

  /** Starts a node and waits for its startup line; ports come from that line. */
  static NodeProcess start(String name, Path dataDir, String... extra) {
    return start(List.of(), name, dataDir, extra);
  }

  /** As {@link #start(String, Path, String...)}, with more JVM arguments ({@code -Djunction.KEY=VALUE}). */
  static NodeProcess start(List<String> jvmArgs, String name, Path dataDir, String... extra) {
    List<String> args = new ArrayList<>(List.of("--node-name", name, "--tcp-port", "0", "--http-port", "0",
      "--data-dir", dataDir.toString()));
    args.addAll(List.of(extra));
    List<String> jvm = new ArrayList<>(List.of("-Djunction.tcp.host=127.0.0.1", "-Djunction.http.host=127.0.0.1"));
    jvm.addAll(jvmArgs);
    NodeProcess p = launch(jvm, args.toArray(new String[0]));
    String up = p.awaitLine(" up in ", 60);
    p.tcpPort = port(TCP, up);
    p.httpPort = port(HTTP, up);
    return p;
  }

  private static int port(Pattern p, String line) {
    Matcher m = p.matcher(line);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The first output line containing {@code text}, waiting up to {@code seconds}. */
  String awaitLine(String text, int seconds) {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    try {
      while (System.currentTimeMillis() < deadline) {
        String line = lines.poll(200, TimeUnit.MILLISECONDS);
        if (line != null && line.contains(text)) {
          return line;
        }
        if (line == null && eof && lines.isEmpty()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no line containing '" + text + "'; output so far:\n" + output());
  }

  String output() {
    synchronized (all) {
      return String.join("\n", all);
    }
  }

  /** Waits for the process to end; its exit code. */
  int awaitExit(int seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError("the node did not exit within " + seconds + " s; output:\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** kill -9 */
  void kill() {
    process.destroyForcibly();
    awaitExit(30);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
