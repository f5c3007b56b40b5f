package io.junction.hub;

import io.junction.bridge.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's tables list what the code has: every configuration key and every error. */
class DocsTest {

  private static String readme() throws Exception {
    return Files.readString(Path.of("../README.md"));
  }

  @Test
  void theConfigurationTableListsEveryKeyWithItsEnvironmentVariable() throws Exception {
    String readme = readme();
    for (String key : new ConfigLoader().keys()) {
      assertTrue(readme.contains("| `" + key + "` |"), "README misses the key " + key);
      assertTrue(readme.contains("`" + ConfigLoader.envName(key) + "`"), "README misses " + ConfigLoader.envName(key));
    }
  }

  @Test
  void theErrorTableListsEveryErrorWithItsNumberAndStatus() throws Exception {
    String readme = readme();
    for (ErrorCode c : ErrorCode.values()) {
      String row = "| " + c.code() + " | `" + c.id() + "` | " + c.httpStatus() + " |";
      assertTrue(readme.contains(row), "README misses the row " + row);
    }
  }
}
