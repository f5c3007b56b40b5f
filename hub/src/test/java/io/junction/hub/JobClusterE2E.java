package io.junction.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;

import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;

/**
 * The jobs "done when" of a cluster, with a real browser: a job submitted over TCP on a node, polled over HTTP on
 * another, survives a kill -9 of its node (it runs again on the other) and is confirmed from the other node's
 * console in headless Chromium. The rest of the scenario is {@link JobClusterProcessIT}'s.
 */
@Timeout(300)
class JobClusterE2E {

  @TempDir
  Path dir;

  @Test
  void aJobThatSurvivedTheKill9OfItsNodeIsConfirmedFromTheConsoleOfTheOtherNode() throws Exception {
    JobClusterProcessIT.afterAKill9(dir, two -> {
      try (ConsoleBrowser console = ConsoleBrowser.of(two.httpPort, dir.resolve("browser"))) {
        console.open();
        console.type("jobs-check-token", "survivor");
        console.click("jobs-check-btn");
        console.waiting().until(textToBe(By.cssSelector("#jobs-check-result .status"), "success"));
        console.click("jobs-check-confirm");
        console.waiting().until(textToBe(By.cssSelector("#jobs-check-result .status"), "confirmed"));
      }
    });
  }
}
