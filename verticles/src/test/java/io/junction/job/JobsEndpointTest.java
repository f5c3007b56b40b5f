package io.junction.job;

import io.junction.testing.Http;
import io.junction.testing.SockJsClient;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job service from TCP, SockJS and HTTP: statuses, errors, ownership and status events. */
@Timeout(60)
class JobsEndpointTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.with(s -> { });
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject ask(TcpClient c, String address, JsonObject body) {
    c.request(address, body, "r");
    return c.next();
  }

  private static JsonObject finished(TcpClient c, String token) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      JsonObject s = ask(c, "hub.jobs.status", new JsonObject().put("token", token)).getJsonObject("body");
      if (s.getBoolean("finished")) {
        return s;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("not finished: " + token);
  }

  @Test
  void overTcpAJobIsSubmittedPolledConfirmedAndForgotten() throws Exception {
    try (TcpClient c = hub.tcp()) {
      JsonObject busy = ask(c, "hub.jobs.submit", new JsonObject().put("command", "say_hi").put("token", "tcp-1")).getJsonObject("body");
      assertEquals("busy", busy.getString("status"));
      assertEquals("Hi!", finished(c, "tcp-1").getJsonObject("response").getString("message"));
      assertEquals(true, ask(c, "hub.jobs.confirm", new JsonObject().put("token", "tcp-1")).getJsonObject("body").getBoolean("confirmed"));
      assertEquals("unknown_token", ask(c, "hub.jobs.status", new JsonObject().put("token", "tcp-1")).getString("error"));
      assertEquals("bad_command", ask(c, "hub.jobs.submit", new JsonObject().put("command", "nope")).getString("error"));
      assertEquals("invalid_frame", ask(c, "hub.jobs.status", new JsonObject()).getString("error"));
      assertEquals("invalid_frame", ask(c, "hub.jobs.submit", new JsonObject().put("command", "echo").put("args", "not an object")).getString("error"));
      assertEquals("invalid_frame", ask(c, "hub.jobs.submit", new JsonObject().put("command", "echo").put("token", 42)).getString("error"));
      JsonObject sleeping = ask(c, "hub.jobs.submit", new JsonObject().put("command", "sleep").put("args", new JsonObject().put("ms", 30_000))).getJsonObject("body");
      String token = sleeping.getString("token");
      assertEquals(22, token.length(), "128 random bits");
      assertEquals("job_not_finished", ask(c, "hub.jobs.confirm", new JsonObject().put("token", token)).getString("error"));
      assertEquals("cancelled", ask(c, "hub.jobs.cancel", new JsonObject().put("token", token)).getJsonObject("body").getString("reason"));
    }
  }

  @Test
  void statusEventsReachTheOwnerWhoFollowsAndNobodyElse() {
    try (TcpClient alice = hub.tcp(); TcpClient bob = hub.tcp()) {
      alice.login("alice", TestHub.password("alice"));
      bob.login("bob", TestHub.password("bob"));
      JsonObject busy = ask(alice, "hub.jobs.submit", new JsonObject().put("command", "sleep").put("token", "events-1")
        .put("args", new JsonObject().put("ms", 600))).getJsonObject("body");
      assertEquals("busy", busy.getString("status"));
      bob.register("jobs.events-1");
      assertEquals("access_denied", bob.nextError("access_denied").getString("error"));
      assertEquals("unknown_token", ask(bob, "hub.jobs.status", new JsonObject().put("token", "events-1")).getString("error"));
      assertEquals("token_conflict", ask(bob, "hub.jobs.submit", new JsonObject().put("command", "sleep").put("token", "events-1")).getString("error"));
      alice.register("jobs.events-1").sync();
      JsonObject e;
      do {
        e = alice.next().getJsonObject("body");
      } while (!e.getBoolean("finished"));
      assertEquals("success", e.getString("status"));
      assertEquals(600, e.getJsonObject("response").getInteger("slept"));
    }
  }

  @Test
  void overHttpASubmitAnswers202WithWhereToPoll() throws Exception {
    Http http = hub.http();
    HttpResponse<String> r = http.post("/api/jobs", "{\"command\":\"echo\",\"args\":{\"x\":1}}");
    assertEquals(202, r.statusCode(), r.body());
    String token = new JsonObject(r.body()).getString("token");
    assertEquals("/api/jobs/" + token, r.headers().firstValue("Location").orElse(null));
    assertNotNull(r.headers().firstValue("Retry-After").orElse(null));
    JsonObject status = null;
    for (int i = 0; i < 500 && (status == null || !status.getBoolean("finished")); i++) {
      HttpResponse<String> s = http.get("/api/jobs/" + token);
      assertEquals(200, s.statusCode(), s.body());
      status = new JsonObject(s.body());
      Thread.sleep(status.getBoolean("finished") ? 0 : 20);
    }
    assertEquals(new JsonObject().put("x", 1), status.getJsonObject("response"));
    assertEquals(200, http.post("/api/jobs/" + token + "/confirm", "").statusCode());
    assertEquals(404, http.get("/api/jobs/" + token).statusCode());
    assertTrue(http.get("/api/jobs/" + token).body().contains("unknown_token"));
    assertEquals(400, http.post("/api/jobs", "{\"command\":\"nope\"}").statusCode());
    assertEquals(405, http.call(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/jobs"))
      .DELETE()).statusCode());

    HttpResponse<String> busy = http.post("/api/jobs", "{\"command\":\"sleep\",\"token\":\"http-long\",\"args\":{\"ms\":30000}}");
    assertEquals(202, busy.statusCode());
    assertEquals(409, http.post("/api/jobs/http-long/confirm", "").statusCode(), "job_not_finished");
    HttpResponse<String> cancelled = http.post("/api/jobs/http-long/cancel", "");
    assertEquals("cancelled", new JsonObject(cancelled.body()).getString("reason"));
  }

  @Test
  void overSockJsTheSameStatuses() {
    try (SockJsClient s = SockJsClient.connect(hub.httpPort(), "")) {
      s.request("hub.jobs.submit", new JsonObject().put("command", "say_bye").put("token", "sockjs-1"), "r1");
      assertEquals("busy", s.next().getJsonObject("body").getString("status"));
      s.request("hub.jobs.submit", new JsonObject().put("command", "nope"), "r2");
      assertEquals("bad_command", s.next().getString("error"));
    }
  }
}
