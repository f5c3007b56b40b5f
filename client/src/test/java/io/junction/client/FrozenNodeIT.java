package io.junction.client;

import io.junction.hub.EmbeddedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that freezes (kill -STOP: its socket stays open, nothing answers) is found dead by the client's pings
 * within about two ping intervals, and the client fails over to the next server.
 */
@Timeout(120)
class FrozenNodeIT {

  @Test
  void aFrozenNodeIsDetectedByPingAndTheClientFailsOver() throws Exception {
    Path dir = Files.createTempDirectory("frozen");
    Process frozen = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-Djunction.tcp.host=127.0.0.1", "-jar", System.getProperty("junction.hub.jar", "../hub/target/junction-hub.jar"),
      "--standalone", "--tcp-port", "0", "--http-port", "0", "--data-dir", dir.toString())
      .redirectErrorStream(true).start();
    try (EmbeddedNode healthy = Nodes.start()) {
      int frozenPort = port(frozen);
      Recorder r = new Recorder();
      try (JunctionClient c = JunctionClient.connect(r.options(frozenPort, healthy.tcpPort())
        .pingInterval(Duration.ofMillis(300)).build())) {
        r.nextEvent(ConnectionEvent.Type.CONNECTED);
        c.subscribe("scope.lobby.frozen", r).ready().get(10, TimeUnit.SECONDS);
        long stopped = System.nanoTime();
        signal("STOP", frozen.pid());
        ConnectionEvent lost = r.nextEvent(ConnectionEvent.Type.DISCONNECTED, 10);
        long detectedMs = (System.nanoTime() - stopped) / 1_000_000;
        assertTrue(lost.reason().startsWith("no pong to 2 pings"), lost.reason());
        // two or three ping intervals in principle; the bound leaves room for a loaded machine's timers
        assertTrue(detectedMs < 8 * 300, "detected after " + detectedMs + " ms, expected about two ping intervals");
        ConnectionEvent back = r.nextEventAfterAttempts(ConnectionEvent.Type.RECONNECTED, 20);
        assertEquals("tcp://127.0.0.1:" + healthy.tcpPort(), back.server());
        r.nextEvent(ConnectionEvent.Type.RESUBSCRIBED);
      }
    } finally {
      signal("CONT", frozen.pid());
      frozen.destroyForcibly();
    }
  }

  private static int port(Process node) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    Pattern tcp = Pattern.compile(" tcp [^ ]+:(\\d+)");
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = tcp.matcher(line);
      if (line.contains(" up in ") && m.find()) {
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // keep the pipe empty
            }
          } catch (Exception ignored) {
            // process gone
          }
        });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("the node did not start");
  }

  private static void signal(String signal, long pid) throws Exception {
    new ProcessBuilder(List.of("kill", "-" + signal, String.valueOf(pid))).start().waitFor(10, TimeUnit.SECONDS);
  }
}
