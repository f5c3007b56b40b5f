package io.junction.hub;

import io.junction.auth.PasswordHasher;
import io.junction.auth.UserRecord;
import io.junction.auth.UsersFile;
import io.junction.testing.Await;
import io.junction.testing.TcpClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver), driven by Selenium. Runs in
 * the Maven profile e2e; .ci/run installs the browser. Selenium Manager is never used: the driver and browser
 * paths are given, so nothing is downloaded.
 */
@Timeout(120)
class ConsoleE2E {

  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path BROWSER = Path.of("/usr/bin/chromium");

  @TempDir
  static Path dir;
  static JunctionNode node;
  static WebDriver browser;

  @BeforeAll
  static void start() {
    assertTrue(Files.isExecutable(DRIVER) && Files.isExecutable(BROWSER),
      "the e2e profile needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver (.ci/run does)");
    Path users = dir.resolve("users.json");
    PasswordHasher hasher = new PasswordHasher(1024, 1);
    new UsersFile(users).write(Map.of(
      "alice", new UserRecord("alice", hasher.hash("alice-password"), List.of("ops")),
      "bob", new UserRecord("bob", hasher.hash("bob-password"), List.of())));
    Map<String, String> config = Nodes.testOverrides(dir.resolve("e2e"), "e2e", false);
    config.put("auth.users_file", users.toString());
    config.put("auth.token.secret", "e2e-secret-e2e-secret-e2e-secret-e2e");
    node = Nodes.start(config);
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      "--user-data-dir=" + dir.resolve("chromium-profile"));
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.stop();
    }
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  private static void type(String id, String text) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  private static void openConsole() {
    browser.get("http://127.0.0.1:" + node.httpPort() + "/");
    waiting().until(ExpectedConditions.textToBe(By.id("status"), "open"));
  }

  @Test
  void theConsoleShowsAMessagePublishedOverTcp() {
    openConsole();
    type("subscribe-address", "scope.lobby.e2e");
    browser.findElement(By.id("subscribe-btn")).click();
    Await.require(() -> node.core.fanout().has("scope.lobby.e2e"), 20_000, "the console's registration reached the node");
    try (TcpClient tcp = TcpClient.connect(node.tcpPort())) {
      tcp.publish("scope.lobby.e2e", new JsonObject().put("from", "tcp").put("n", 7));
      By entry = By.cssSelector("#log li.message[data-address='scope.lobby.e2e'] pre.body");
      waiting().until(ExpectedConditions.presenceOfElementLocated(entry));
      assertEquals(new JsonObject().put("from", "tcp").put("n", 7), new JsonObject(browser.findElement(entry).getText()));
    }
  }

  @Test
  void theConsolePublishesToTcpSubscribersAndShowsReplies() {
    openConsole();
    try (TcpClient tcp = TcpClient.connect(node.tcpPort())) {
      tcp.register("scope.lobby.from-browser").sync();
      type("publish-address", "scope.lobby.from-browser");
      type("publish-body", "{\"from\": \"browser\"}");
      browser.findElement(By.id("publish-btn")).click();
      assertEquals(new JsonObject().put("from", "browser"), tcp.next().getJsonObject("body"));
    }
    type("send-address", "hub.echo");
    type("send-body", "{\"echo\": \"me\"}");
    browser.findElement(By.id("send-btn")).click();
    By reply = By.cssSelector("#log li.reply pre.body");
    waiting().until(ExpectedConditions.presenceOfElementLocated(reply));
    assertEquals(new JsonObject().put("echo", "me"), new JsonObject(browser.findElement(reply).getText()));
  }

  @Test
  void theConsoleLogsInReadsItsInboxStaysLoggedInAcrossAReloadAndLogsOut() {
    openConsole();
    type("login-user", "alice");
    type("login-password", "wrong-password");
    browser.findElement(By.id("login-btn")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "auth_failed"));

    type("login-password", "alice-password");
    browser.findElement(By.id("login-btn")).click();
    waiting().until(ExpectedConditions.textToBe(By.id("identity"), "alice (ops)"));
    try {
      type("subscribe-address", "user.alice");
      browser.findElement(By.id("subscribe-btn")).click();
      Await.require(() -> node.core.fanout().has("user.alice"), 20_000, "the console's inbox registration reached the node");
      try (TcpClient bob = TcpClient.connect(node.tcpPort())) {
        bob.login("bob", "bob-password");
        bob.send(new JsonObject().put("type", "send").put("address", "user.alice").put("body", new JsonObject().put("psst", 1)));
        By entry = By.cssSelector("#log li.message[data-address='user.alice'] pre.body");
        waiting().until(ExpectedConditions.presenceOfElementLocated(entry));
        assertEquals(new JsonObject().put("psst", 1), new JsonObject(browser.findElement(entry).getText()));
      }
      browser.navigate().refresh();
      waiting().until(ExpectedConditions.textToBe(By.id("status"), "open"));
      waiting().until(ExpectedConditions.textToBe(By.id("identity"), "alice (ops)"));
    } finally {
      browser.findElement(By.id("logout-btn")).click();
    }
    waiting().until(ExpectedConditions.textToBe(By.id("identity"), "anonymous"));
    waiting().until(ExpectedConditions.textToBe(By.id("status"), "open"));
  }

  @Test
  void theConsoleShowsErrorsFromTheHub() {
    openConsole();
    type("publish-address", "secret.not-allowed");
    browser.findElement(By.id("publish-btn")).click();
    By error = By.cssSelector("#log li.error .meta");
    waiting().until(ExpectedConditions.presenceOfElementLocated(error));
    assertTrue(browser.findElement(error).getText().contains("access_denied"), browser.findElement(error).getText());
  }
}
