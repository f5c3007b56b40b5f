package io.junction.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server under test in its own process, with its CPU time read from /proc. */
final class ServerProcess implements AutoCloseable {

  private static final long TICKS_PER_SECOND = 100;

  final String name;
  final int port;
  private final Process process;

  private ServerProcess(String name, Process process, int port) {
    this.name = name;
    this.process = process;
    this.port = port;
  }

  static ServerProcess junction(String name, Path jar, Path dataDir, List<String> jvmArgs) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-jar", jar.toString(), "--standalone", "--tcp-port", "0", "--http-port", "0",
      "--data-dir", dataDir.toString(), "--node-name", "bench"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String line = awaitLine(p, " up in ");
    Matcher m = Pattern.compile(" tcp [^ ]+:(\\d+)").matcher(line);
    if (!m.find()) {
      throw new IllegalStateException("no TCP port in: " + line);
    }
    return new ServerProcess(name, p, Integer.parseInt(m.group(1)));
  }

  static ServerProcess stock() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
      StockBridgeServer.class.getName(), String.valueOf(port)).redirectErrorStream(true).start();
    awaitLine(p, "LISTENING ");
    return new ServerProcess("stock bridge 5.0.8", p, port);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String awaitLine(Process p, String text) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.contains(text)) {
        Thread drain = new Thread(() -> {
          try {
            while (r.readLine() != null) {
              // keep the pipe empty
            }
          } catch (Exception ignored) {
            // process ended
          }
        });
        drain.setDaemon(true);
        drain.start();
        return line;
      }
    }
    throw new IllegalStateException("the server exited before printing '" + text + "'");
  }

  /** User plus system CPU time of the server so far, in microseconds. */
  long cpuMicros() throws Exception {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * 1_000_000 / TICKS_PER_SECOND;
  }

  /** Resident memory of the server, in MiB. */
  long rssMiB() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
