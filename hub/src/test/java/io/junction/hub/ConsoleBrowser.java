package io.junction.hub;

import io.junction.auth.PasswordHasher;
import io.junction.auth.UserRecord;
import io.junction.auth.UsersFile;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
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

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node with the users alice (role ops, password alice-password) and bob (bob-password), and its console in a
 * real headless Chromium (Debian's chromium and chromium-driver) driven by Selenium: what the console's e2e tests
 * share. Selenium Manager is never used: the driver and browser paths are given, so nothing is downloaded.
 */
final class ConsoleBrowser implements AutoCloseable {

  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path BROWSER = Path.of("/usr/bin/chromium");

  /** The node this started, or {@code null} when the browser was pointed at a node started elsewhere. */
  final JunctionNode node;
  final WebDriver browser;
  private final String origin;

  private ConsoleBrowser(JunctionNode node, WebDriver browser, String origin) {
    this.node = node;
    this.browser = browser;
    this.origin = origin;
  }

  /** A browser (profile under {@code dir}) for the console of the node at {@code http://127.0.0.1:httpPort}. */
  static ConsoleBrowser of(int httpPort, Path dir) {
    assertTrue(Files.isExecutable(DRIVER) && Files.isExecutable(BROWSER),
      "the e2e profile needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver (.ci/run does)");
    return new ConsoleBrowser(null, chromium(dir.resolve("chromium-profile")), "http://127.0.0.1:" + httpPort);
  }

  /** Starts the node (its data, users file and browser profile under {@code dir}), then the browser. */
  static ConsoleBrowser start(Path dir) {
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
    JunctionNode node = Nodes.start(config);
    try {
      return new ConsoleBrowser(node, chromium(dir.resolve("chromium-profile")), "http://127.0.0.1:" + node.httpPort());
    } catch (RuntimeException | Error e) {
      node.stop();
      throw e;
    }
  }

  private static WebDriver chromium(Path profile) {
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      "--user-data-dir=" + profile);
    return new ChromeDriver(service, options);
  }

  /** Loads the console and waits for its connection. */
  void open() {
    browser.get(origin() + "/");
    waitUntilOpen();
  }

  /** Reloads the page and waits for its new connection. */
  void reload() {
    browser.navigate().refresh();
    waitUntilOpen();
  }

  private void waitUntilOpen() {
    waiting().until(ExpectedConditions.textToBe(By.id("status"), "open"));
  }

  /** Waits up to 20 s; panels redraw their lists, so an element found may go stale and is then found again. */
  WebDriverWait waiting() {
    return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
  }

  void type(String id, String text) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  void click(String id) {
    browser.findElement(By.id(id)).click();
  }

  Object script(String js) {
    return ((JavascriptExecutor) browser).executeScript(js);
  }

  /**
   * Forgets what the page kept for the next page of the tab (the login, the joined scope, the followed jobs), so
   * the next test's page starts anonymous and with nothing to join or follow. It leaves the console first, for a
   * page of the same origin without its scripts: a late answer to the old page cannot store anything again.
   */
  void forgetThePage() {
    browser.get(origin() + "/health");
    script("sessionStorage.clear()");
  }

  private String origin() {
    return origin;
  }

  @Override
  public void close() {
    try {
      browser.quit();
    } finally {
      if (node != null) {
        node.stop();
      }
    }
  }
}
