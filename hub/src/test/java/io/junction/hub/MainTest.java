package io.junction.hub;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int exit(String... argv) {
    Main.Exit e = assertThrows(Main.Exit.class, () -> Main.configure(argv, Map.of(), new Properties(),
      new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    return e.code;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsUsageAndExits0() {
    assertEquals(0, exit("--help"));
    assertTrue(out().contains("--cluster-config FILE"), out());
  }

  @Test
  void printDefaultConfigPrintsTheBuiltInFile() {
    assertEquals(0, exit("--print-default-config"));
    assertEquals(ConfigLoader.defaultsText(), out());
  }

  @Test
  void checkConfigPrintsTheEffectiveConfigurationAndExits0() {
    assertEquals(0, exit("--check-config", "--tcp-port", "7007", "--node-name=alpha", "--standalone"));
    assertTrue(out().contains("\"port\" : 7007"), out());
    assertTrue(out().contains("\"name\" : \"alpha\""), out());
    assertTrue(out().contains("\"enabled\" : false"), out());
    assertTrue(out().endsWith("configuration OK\n"), out());
  }

  @Test
  void badUsageExits2() {
    assertEquals(2, exit("--frobnicate"));
    assertTrue(err().startsWith("junction: unknown option --frobnicate"), err());
    assertEquals(2, exit("--tcp-port"));
  }

  @Test
  void badConfigurationPrintsOneLinePerProblemAndExits2() {
    assertEquals(2, exit("--tcp-port", "x", "--http-port", "123456", "--conf", "/nonexistent/hub.json"));
    String[] lines = err().split("\n");
    assertEquals(3, lines.length, err());
    for (String line : lines) {
      assertTrue(line.startsWith("junction: config: "), line);
    }
  }
}
