package io.junction.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the CLI tests share: a real node (lobby as in conf/hub.json, open room-* and tiny scopes with history), and
 * ways to run the CLI as users do, java -jar client/target/junction-cli.jar.
 */
@Timeout(180)
abstract class CliTesting {

  static final ObjectMapper JSON = new ObjectMapper();
  static EmbeddedNode node;
  static String server;

  /** Scopes anonymous connections may join, publish and subscribe in. */
  private static final String OPEN = "\"join\": [\"anonymous\"], \"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"]";

  @BeforeAll
  static void start() {
    // lobby as in conf/hub.json; other scopes need a login
    node = Nodes.start("scopes.rules", "{\"lobby\": {" + OPEN + ", \"history_size\": 100}, \"room-*\": {" + OPEN
      + ", \"history_size\": 10}, \"tiny\": {" + OPEN + ", \"history_size\": 2}}");
    server = "tcp://127.0.0.1:" + node.tcpPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** A run of the CLI: its exit code, stdout and stderr. */
  static final class Run {
    final int exit;
    final String out;
    final String err;

    Run(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }
  }

  static Process launch(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
      System.getProperty("junction.cli.jar", "target/junction-cli.jar")));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).start();
  }

  static Run run(String... args) throws Exception {
    Process p = launch(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Run(p.exitValue(), out, err);
  }

  static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  static JunctionClient connect() {
    return JunctionClient.connect(Options.builder().server(server).build());
  }

  static void publish(JunctionClient c, String address, int... bodies) throws Exception {
    for (int body : bodies) {
      c.publishConfirmed(address, body).get(10, TimeUnit.SECONDS);
    }
  }


  /** Reads lines until one that does not start with {@code prefix} (progress that may or may not come). */
  static String after(BufferedReader in, String prefix) throws Exception {
    String line;
    while ((line = in.readLine()) != null && line.startsWith(prefix)) {
      assertTrue(line.matches(".* busy \\{\"percent\":\\d+}"), line);
    }
    return line;
  }

  /** Starts {@code junction job worker ARGS...} and waits until it is registered. */
  static Process worker(String... args) throws Exception {
    Process p = launch(args);
    String ready = reader(p.getErrorStream()).readLine();
    assertTrue(ready != null && ready.startsWith("junction: working on "), ready);
    return p;
  }

  static JobStatus submit(JunctionClient c, String command, String token, Object args) throws Exception {
    return c.submit(command, token, args).get(10, TimeUnit.SECONDS).result().get(20, TimeUnit.SECONDS);
  }

  static List<String> linesAtExit(Process p) throws Exception {
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return reader(p.getInputStream()).lines().collect(Collectors.toList());
  }

  /** Submits {@code slow-1} and opens the fifo its process writes to: returns once the job runs. */
  static InputStream openWhenWritten(JunctionClient c, Path fifo) throws Exception {
    c.submit("slow", "slow-1", null).get(10, TimeUnit.SECONDS);
    return Files.newInputStream(fifo);
  }
}
