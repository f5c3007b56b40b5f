package io.junction.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in its own process: started from a command line, ready once it prints a given line; its CPU
 * time and resident memory read from /proc, its output drained in the background (the last lines kept for error
 * reports, WARN lines counted).
 */
final class ServerProcess implements AutoCloseable {

  private static final long TICKS_PER_SECOND = 100;
  private static final int KEPT_LINES = 2000;

  final String name;
  private final Process process;
  private final Map<String, Integer> ports;
  private final List<String> lines = new ArrayList<>();
  private long warnings;
  private boolean ended;

  private ServerProcess(String name, Process process, Map<String, Integer> ports) {
    this.name = name;
    this.process = process;
    this.ports = new java.util.HashMap<>(ports);
  }

  /** Starts {@code cmd} and waits (up to {@code timeoutSeconds}) until it prints a line containing {@code ready}. */
  static ServerProcess start(String name, List<String> cmd, Map<String, String> env, Map<String, Integer> ports,
                             String ready, int timeoutSeconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    ServerProcess s = new ServerProcess(name, pb.start(), ports);
    Thread drain = new Thread(s::drain, "drain " + name);
    drain.setDaemon(true);
    drain.start();
    try {
      s.awaitOutput(ready, timeoutSeconds);
    } catch (Exception e) {
      s.close();
      throw e;
    }
    return s;
  }

  private void drain() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (this) {
          if (line.contains(" WARN ") || line.contains("[WRN]")) {
            warnings++;
          }
          if (lines.size() == KEPT_LINES) {
            lines.remove(KEPT_LINES / 2);
          }
          lines.add(line);
          notifyAll();
        }
      }
    } catch (Exception ignored) {
      // the process ended
    }
    synchronized (this) {
      ended = true;
      notifyAll();
    }
  }

  /** Waits until the output holds a line containing {@code text}; returns that line. */
  synchronized String awaitOutput(String text, int timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    int seen = 0;
    while (true) {
      for (; seen < lines.size(); seen++) {
        if (lines.get(seen).contains(text)) {
          return lines.get(seen);
        }
      }
      long left = deadline - System.nanoTime();
      if (ended || left <= 0) {
        throw new IllegalStateException(name + (ended ? " exited" : " timed out") + " before printing '" + text
          + "'; its last output:\n  " + String.join("\n  ", tail(15)));
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
  }

  synchronized List<String> tail(int n) {
    return new ArrayList<>(lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  /** WARN lines printed so far. */
  synchronized long warnings() {
    return warnings;
  }

  int port(String kind) {
    Integer p = ports.get(kind);
    if (p == null) {
      throw new IllegalStateException(name + " has no " + kind + " port");
    }
    return p;
  }

  void setPort(String kind, int port) {
    ports.put(kind, port);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** User plus system CPU time of the server so far, in microseconds. */
  long cpuMicros() {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 1_000_000 / TICKS_PER_SECOND;
    } catch (Exception e) {
      return 0;
    }
  }

  /** Resident memory of the server (VmRSS), in KiB. */
  long rssKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception ignored) {
      // gone
    }
    return -1;
  }

  /** Stops the process: SIGTERM, then SIGKILL after 15 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
