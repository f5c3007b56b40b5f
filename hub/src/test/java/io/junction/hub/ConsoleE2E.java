package io.junction.hub;

import io.junction.testing.Await;
import io.junction.testing.TcpClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console in a real headless Chromium (see {@link ConsoleBrowser}). Runs in the Maven profile e2e. */
@Timeout(120)
class ConsoleE2E {

  @TempDir
  static Path dir;
  static ConsoleBrowser console;
  static JunctionNode node;
  static WebDriver browser;

  @BeforeAll
  static void start() {
    console = ConsoleBrowser.start(dir);
    node = console.node;
    browser = console.browser;
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
  }

  /** The page of a test may have logged in or joined a scope: the next test's page must not do it again by itself. */
  @AfterEach
  void startTheNextPageAfresh() {
    console.forgetThePage();
  }

  private static WebDriverWait waiting() {
    return console.waiting();
  }

  private static void type(String id, String text) {
    console.type(id, text);
  }

  private static void openConsole() {
    console.open();
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
      console.reload();
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

  /** Joins {@code scope} in the console's scope panel; returns the console's client id. */
  private static String joinInConsole(String scope, String displayName) {
    type("scope-name", scope);
    type("scope-meta-name", displayName);
    browser.findElement(By.id("scope-join-btn")).click();
    waiting().until(ExpectedConditions.attributeToBe(By.id("scope-panel"), "data-state", "joined"));
    return browser.findElement(By.id("scope-client")).getText();
  }

  /** Joins {@code scope} over TCP with {@code {"name": displayName}} as meta; returns the client id. */
  private static String joinOverTcp(TcpClient tcp, String scope, String displayName) {
    tcp.request("hub.scope.join", new JsonObject().put("scope", scope).put("meta", new JsonObject().put("name", displayName)), "joined");
    JsonObject reply = tcp.next();
    assertEquals("joined", reply.getString("address"), reply::encode);
    return reply.getJsonObject("body").getString("client");
  }

  private static By member(String client, String field) {
    return By.cssSelector("#scope-members li[data-client='" + client + "'] ." + field);
  }

  /** The texts of the scope panel's messages, oldest first (read in one go: the list changes as messages come). */
  @SuppressWarnings("unchecked")
  private static List<String> shownTexts() {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
      "return Array.from(document.querySelectorAll('#scope-messages li .text'), e => e.textContent);");
  }

  /** How many messages of the scope panel read {@code text}. */
  private static long shown(String text) {
    return shownTexts().stream().filter(text::equals).count();
  }

  private static void waitUntilShownOnce(String text) {
    waiting().withMessage(() -> "the scope panel shows \"" + text + "\" once").until(b -> shown(text) == 1);
  }

  private static By messageWithSeq(String seq, String field) {
    return By.cssSelector("#scope-messages li[data-seq='" + seq + "'] ." + field);
  }

  @Test
  void theScopePanelListsTheMembersAsTheyJoinLeaveAndDisconnect() {
    openConsole();
    String me = joinInConsole("lobby", "ann in the browser");
    waiting().until(ExpectedConditions.textToBe(member(me, "name"), "ann in the browser"));
    try (TcpClient bot = TcpClient.connect(node.tcpPort()); TcpClient other = TcpClient.connect(node.tcpPort())) {
      String botId = joinOverTcp(bot, "lobby", "tcp bot");
      waiting().until(ExpectedConditions.textToBe(member(botId, "name"), "tcp bot"));
      waiting().until(ExpectedConditions.textToBe(member(botId, "transport"), "tcp"));
      waiting().until(ExpectedConditions.textToBe(member(botId, "user"), "anonymous"));
      String otherId = joinOverTcp(other, "lobby", "other bot");
      waiting().until(ExpectedConditions.textToBe(member(otherId, "name"), "other bot"));

      bot.request("hub.scope.leave", new JsonObject().put("scope", "lobby"), "left");
      assertEquals(true, bot.next().getJsonObject("body").getBoolean("left"));
      waiting().until(ExpectedConditions.numberOfElementsToBe(member(botId, "name"), 0));
      other.close();
      waiting().until(ExpectedConditions.numberOfElementsToBe(member(otherId, "name"), 0));
    }
    assertEquals(1, browser.findElements(member(me, "name")).size(), "the console is still listed");
  }

  @Test
  void theScopePanelShowsTheScopesMessagesWithTheirSeqAndSendsToTheScope() {
    openConsole();
    joinInConsole("lobby", "");
    try (TcpClient tcp = TcpClient.connect(node.tcpPort())) {
      tcp.register("scope.lobby.chat").sync();
      String fromTcp = "from tcp " + UUID.randomUUID();
      tcp.publish("scope.lobby.chat", new JsonObject().put("text", fromTcp).put("from", "tcp bot"));
      String seq = tcp.next().getJsonObject("headers").getString("seq");
      assertNotNull(seq, "lobby keeps history: its messages carry a seq");
      waiting().until(ExpectedConditions.textToBe(messageWithSeq(seq, "text"), fromTcp));
      assertEquals("#" + seq, browser.findElement(messageWithSeq(seq, "seq")).getText());
      assertEquals("tcp bot", browser.findElement(messageWithSeq(seq, "from")).getText());

      String fromBrowser = "from the browser " + UUID.randomUUID();
      type("scope-text", fromBrowser);
      browser.findElement(By.id("scope-send-btn")).click();
      JsonObject received = tcp.next();
      assertEquals("scope.lobby.chat", received.getString("address"));
      assertEquals(fromBrowser, received.getJsonObject("body").getString("text"));
      String sentSeq = received.getJsonObject("headers").getString("seq");
      waiting().until(ExpectedConditions.textToBe(messageWithSeq(sentSeq, "text"), fromBrowser));
      tcp.sync();
    }
  }

  @Test
  void afterAReloadTheScopePanelJoinsAgainAndShowsTheEarlierMessagesOnceThenLiveOnes() {
    openConsole();
    String before = joinInConsole("lobby", "reloader");
    String first = "first " + UUID.randomUUID();
    String second = "second " + UUID.randomUUID();
    try (TcpClient tcp = TcpClient.connect(node.tcpPort())) {
      tcp.publish("scope.lobby.chat", new JsonObject().put("text", first));
      tcp.publish("scope.lobby.chat", new JsonObject().put("text", second));
      waitUntilShownOnce(first);
      waitUntilShownOnce(second);

      console.reload();
      waiting().until(ExpectedConditions.attributeToBe(By.id("scope-panel"), "data-state", "joined"));
      waiting().until(ExpectedConditions.attributeToBe(By.id("scope-panel"), "data-history", "loaded"));
      assertNotEquals(before, browser.findElement(By.id("scope-client")).getText(), "a new connection joined");
      assertEquals("reloader", browser.findElement(By.id("scope-meta-name")).getDomProperty("value"));
      assertEquals(1, shown(first));
      assertEquals(1, shown(second));

      String third = "third " + UUID.randomUUID();
      tcp.publish("scope.lobby.chat", new JsonObject().put("text", third));
      waitUntilShownOnce(third);
      List<String> texts = shownTexts();
      assertEquals(List.of(first, second, third), texts.subList(texts.size() - 3, texts.size()), "in seq order, each once");
    }
  }

  @Test
  void joiningAScopeThatNeedsALoginShowsAccessDeniedAndLeavesTheLobbyUsable() {
    openConsole();
    type("scope-name", "staff");
    browser.findElement(By.id("scope-join-btn")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("scope-error"), "access_denied"));
    assertEquals("idle", browser.findElement(By.id("scope-panel")).getDomAttribute("data-state"));
    String me = joinInConsole("lobby", "after the refusal");
    waiting().until(ExpectedConditions.textToBe(member(me, "name"), "after the refusal"));
    assertEquals("", browser.findElement(By.id("scope-error")).getText());
  }
}
