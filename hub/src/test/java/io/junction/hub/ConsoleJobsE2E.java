package io.junction.hub;

import io.junction.testing.Await;
import io.junction.testing.Http;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

/** The jobs panel of the console in a real headless Chromium (see {@link ConsoleBrowser}); profile e2e. */
@Timeout(120)
class ConsoleJobsE2E {

  @TempDir
  static Path dir;
  static ConsoleBrowser console;
  static Http http;

  @BeforeAll
  static void start() {
    console = ConsoleBrowser.start(dir);
    http = new Http(console.node.httpPort());
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
  }

  /** The page of a test follows its jobs again after a reload: the next test's page must not. */
  @AfterEach
  void startTheNextPageAfresh() {
    console.forgetThePage();
  }

  private static WebDriverWait waiting() {
    return console.waiting();
  }

  /** A token no other test uses. */
  private static String token(String what) {
    return what + "-" + UUID.randomUUID();
  }

  private static By row(String token) {
    return By.cssSelector("#jobs-list li[data-token='" + token + "']");
  }

  private static By row(String token, String field) {
    return By.cssSelector("#jobs-list li[data-token='" + token + "'] ." + field);
  }

  private static By checked(String field) {
    return By.cssSelector("#jobs-check-result ." + field);
  }

  private static String text(By element) {
    return console.browser.findElement(element).getText();
  }

  private static void submitInThePanel(String command, String args, String token) {
    console.type("jobs-command", command);
    console.type("jobs-args", args);
    console.type("jobs-token", token);
    console.click("jobs-submit-btn");
  }

  private static int httpStatusOf(String token) {
    return http.get("/api/jobs/" + token).statusCode();
  }

  /** From now on, every change of the jobs list records what each row shows: "TOKEN STATUS PERCENT". */
  private static void recordWhatTheRowsShow() {
    console.script("window.rowsShown = []; new MutationObserver(() => document.querySelectorAll('#jobs-list li')"
      + ".forEach(li => window.rowsShown.push(li.dataset.token + ' ' + li.querySelector('.status').textContent + ' '"
      + " + li.querySelector('.percent').textContent)))"
      + ".observe(document.getElementById('jobs-list'), {subtree: true, childList: true, characterData: true, attributes: true});");
  }

  @SuppressWarnings("unchecked")
  private static boolean aRowShowed(String regex) {
    return ((List<String>) console.script("return window.rowsShown;")).stream().anyMatch(s -> s.matches(regex));
  }

  @Test
  void aJobSubmittedInThePanelShowsItsProgressThenItsResponseAndConfirmTakesItOffTheList() {
    console.open();
    recordWhatTheRowsShow();
    String token = token("sleep");
    submitInThePanel("sleep", "{\"ms\":1500}", token);
    waiting().until(textToBe(row(token, "status"), "success"));
    assertEquals(new JsonObject().put("slept", 1500), new JsonObject(text(row(token, "response"))));
    waiting().withMessage("the row showed busy with a percent").until(b -> aRowShowed(Pattern.quote(token) + " busy \\d{1,2}%"));

    console.browser.findElement(row(token, "confirm")).click();
    waiting().until(numberOfElementsToBe(row(token), 0));
    assertEquals(404, httpStatusOf(token), "the hub forgot the confirmed job");
    assertEquals("", text(By.id("jobs-error")));
  }

  @Test
  void aJobSubmittedOverHttpIsLookedUpByTokenAndConfirmedFromTheBrowser() {
    String token = token("http");
    HttpResponse<String> submitted = http.post("/api/jobs", new JsonObject().put("command", "say_hi").put("token", token).encode());
    assertEquals(202, submitted.statusCode(), submitted.body());
    Await.require(() -> new JsonObject(http.get("/api/jobs/" + token).body()).getBoolean("finished"), 20_000, "say_hi finished");

    console.open();
    console.type("jobs-check-token", token);
    console.click("jobs-check-btn");
    waiting().until(textToBe(checked("status"), "success"));
    assertEquals(new JsonObject().put("message", "Hi!"), new JsonObject(text(checked("response"))));
    console.click("jobs-check-confirm");
    waiting().until(textToBe(checked("status"), "confirmed"));
    assertEquals(404, httpStatusOf(token));
    console.click("jobs-check-btn");
    waiting().until(textToBePresentInElementLocated(By.id("jobs-error"), "unknown_token"));
  }

  @Test
  void aBusyJobIsNotConfirmedButCancelledInThePanelItShowsAbortedCancelled() {
    console.open();
    String token = token("cancel");
    submitInThePanel("sleep", "{\"ms\":60000}", token);
    waiting().until(textToBe(row(token, "status"), "busy"));
    console.browser.findElement(row(token, "confirm")).click();
    waiting().until(textToBePresentInElementLocated(By.id("jobs-error"), "job_not_finished"));
    console.browser.findElement(row(token, "cancel")).click();
    waiting().until(textToBe(row(token, "status"), "aborted"));
    assertEquals("cancelled", text(row(token, "reason")));
    assertFalse(console.browser.findElement(row(token, "cancel")).isDisplayed(), "a finished job has nothing to cancel");
  }

  @Test
  void afterAReloadThePanelFollowsItsBusyJobAgain() {
    console.open();
    String token = token("reload");
    submitInThePanel("sleep", "{\"ms\":60000}", token);
    waiting().until(textToBe(row(token, "status"), "busy"));
    console.reload();
    // "checking" until the panel follows the job's events again and asks its status
    waiting().until(textToBe(row(token, "status"), "busy"));
    HttpResponse<String> cancelled = http.post("/api/jobs/" + token + "/cancel", "");
    assertEquals(200, cancelled.statusCode(), cancelled.body());
    waiting().until(textToBe(row(token, "status"), "aborted"));
    assertEquals("cancelled", text(row(token, "reason")));
  }

  @Test
  void anUnknownCommandShowsBadCommand() {
    console.open();
    submitInThePanel("launch_rocket", "", token("rocket"));
    waiting().until(textToBePresentInElementLocated(By.id("jobs-error"), "bad_command"));
    assertEquals(0, console.browser.findElements(By.cssSelector("#jobs-list li")).size());
  }

  @Test
  void argsThatAreNotJsonShowAnErrorAndNothingIsSent() {
    console.open();
    String token = token("not-json");
    submitInThePanel("say_hi", "{\"delayMs\": ", token);
    waiting().until(textToBePresentInElementLocated(By.id("jobs-error"), "not valid JSON"));

    // the hub handles a connection's frames in order: had the first submit gone out, its job would exist by now
    String next = token("next");
    submitInThePanel("say_hi", "", next);
    waiting().until(textToBe(row(next, "status"), "success"));
    assertEquals(404, httpStatusOf(token));
    assertEquals(1, console.browser.findElements(By.cssSelector("#jobs-list li")).size());
    assertEquals("", text(By.id("jobs-error")));
  }
}
