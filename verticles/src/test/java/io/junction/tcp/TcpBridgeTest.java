package io.junction.tcp;

import io.junction.testing.Await;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TcpBridgeTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void pingGetsPong() {
    try (TcpClient c = hub.tcp()) {
      c.ping();
      assertEquals(new JsonObject().put("type", "pong"), c.next());
    }
  }

  @Test
  void publishReachesEverySubscriberOnce() {
    try (TcpClient a = hub.tcp(); TcpClient b = hub.tcp(); TcpClient pub = hub.tcp()) {
      a.register("scope.lobby.news").sync();
      b.register("scope.lobby.news").sync();
      pub.publish("scope.lobby.news", new JsonObject().put("n", 1));
      for (TcpClient c : new TcpClient[] {a, b}) {
        JsonObject m = c.next();
        assertEquals("message", m.getString("type"));
        assertEquals("scope.lobby.news", m.getString("address"));
        assertEquals(new JsonObject().put("n", 1), m.getJsonObject("body"));
        assertEquals(false, m.getBoolean("send"));
        c.expectNothing(200);
      }
    }
  }

  @Test
  void aClientReceivesItsOwnPublishRightAfterRegistering() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.self").publish("scope.lobby.self", "hello");
      assertEquals("hello", c.next().getString("body"));
    }
  }

  @Test
  void bodiesOfEveryJsonKindArriveUnchanged() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.kinds").sync();
      c.raw("{\"type\":\"publish\",\"address\":\"scope.lobby.kinds\",\"body\":{\"a\": [1, 2.5, \"x\\n\\u00e9\", null, true]}}");
      c.raw("{\"type\":\"publish\",\"address\":\"scope.lobby.kinds\",\"body\":\"caf\u00e9 \\\"q\\\"\"}");
      c.raw("{\"type\":\"publish\",\"address\":\"scope.lobby.kinds\",\"body\":-12.5e3}");
      c.raw("{\"type\":\"publish\",\"address\":\"scope.lobby.kinds\"}");
      assertEquals(new JsonObject("{\"a\": [1, 2.5, \"x\\n\u00e9\", null, true]}"), c.next().getJsonObject("body"));
      assertEquals("caf\u00e9 \"q\"", c.next().getString("body"));
      assertEquals(-12500.0, c.next().getDouble("body"));
      JsonObject empty = c.next();
      assertTrue(empty.containsKey("body") && empty.getValue("body") == null, empty::encode);
    }
  }

  @Test
  void headersTravelWithTheMessage() {
    try (TcpClient sub = hub.tcp(); TcpClient pub = hub.tcp()) {
      sub.register("scope.lobby.headers").sync();
      pub.send(new JsonObject().put("type", "publish").put("address", "scope.lobby.headers").put("body", 1)
        .put("headers", new JsonObject().put("trace", "abc").put("n", 7)));
      assertEquals(new JsonObject().put("trace", "abc").put("n", "7"), sub.next().getJsonObject("headers"));
    }
  }

  @Test
  void sendWithReplyAddressGetsTheEchoReply() {
    try (TcpClient c = hub.tcp()) {
      c.request("hub.echo", new JsonObject().put("q", "?"), "r1");
      JsonObject reply = c.next();
      assertEquals("message", reply.getString("type"));
      assertEquals("r1", reply.getString("address"));
      assertEquals(new JsonObject().put("q", "?"), reply.getJsonObject("body"));
      assertEquals(true, reply.getBoolean("send"));
    }
  }

  @Test
  void aRequestFromTheBusCanBeAnsweredByTheClient() throws Exception {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.service").sync();
      var reply = hub.vertx.eventBus().request("scope.lobby.service", new JsonObject().put("ask", 1));
      JsonObject req = c.next();
      assertEquals(true, req.getBoolean("send"));
      String replyAddress = req.getString("replyAddress");
      c.send(new JsonObject().put("type", "send").put("address", replyAddress).put("body", new JsonObject().put("answer", 42)));
      assertEquals("{\"answer\":42}", reply.await(10, TimeUnit.SECONDS).body().toString());
    }
  }

  @Test
  void aRequestFromTheBusCanBeFailedWithAFailureCode() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.failing").sync();
      var reply = hub.vertx.eventBus().request("scope.lobby.failing", "x");
      String replyAddress = c.next().getString("replyAddress");
      c.send(new JsonObject().put("type", "send").put("address", replyAddress).put("failureCode", 42).put("message", "nope"));
      ReplyException e = (ReplyException) assertFails(reply);
      assertEquals(42, e.failureCode());
      assertEquals("nope", e.getMessage());
    }
  }

  @Test
  void aPointToPointSendGoesToOneSubscriberOnly() {
    try (TcpClient a = hub.tcp(); TcpClient b = hub.tcp()) {
      a.register("scope.lobby.queue").sync();
      b.register("scope.lobby.queue").sync();
      for (int i = 0; i < 4; i++) {
        hub.vertx.eventBus().send("scope.lobby.queue", i);
      }
      java.util.Set<Integer> got = new java.util.TreeSet<>();
      for (int i = 0; i < 2; i++) {
        got.add(a.next().getInteger("body"));
        got.add(b.next().getInteger("body"));
      }
      assertEquals(java.util.Set.of(0, 1, 2, 3), got);
      a.expectNothing(200);
      b.expectNothing(200);
    }
  }

  @Test
  void requestToAnAddressNobodyHandlesGetsNoHandlers() {
    try (TcpClient c = hub.tcp()) {
      c.request("scope.lobby.nobody", 1, "r2");
      JsonObject err = c.next();
      assertEquals("err", err.getString("type"));
      assertEquals("r2", err.getString("address"));
      assertEquals("NO_HANDLERS", err.getString("failureType"));
      assertEquals("no_handlers", err.getString("error"));
      assertEquals(5001, err.getInteger("code"));
    }
  }

  @Test
  void requestThatNobodyAnswersTimesOut() {
    try (TcpClient silent = hub.tcp(); TcpClient c = hub.tcp()) {
      silent.register("scope.lobby.silent").sync();
      c.send(new JsonObject().put("type", "send").put("address", "scope.lobby.silent").put("body", 1)
        .put("replyAddress", "r3").put("headers", new JsonObject().put("timeout", 300)));
      JsonObject err = c.next();
      assertEquals("r3", err.getString("address"));
      assertEquals("TIMEOUT", err.getString("failureType"));
      assertEquals("timeout", err.getString("error"));
    }
  }

  @Test
  void invalidJsonGetsAnErrorAndTheConnectionStaysUsable() {
    try (TcpClient c = hub.tcp()) {
      c.raw("{not json");
      c.nextError("invalid_json");
      c.raw("[1,2]");
      c.nextError("invalid_json");
      c.raw("{\"type\":\"ping\"} trailing");
      c.nextError("invalid_json");
      c.sync();
    }
  }

  @Test
  void missingOrUnknownTypeGetsAnErrorAndTheConnectionStaysUsable() {
    try (TcpClient c = hub.tcp()) {
      c.raw("{\"address\":\"scope.lobby.x\"}");
      c.nextError("missing_type");
      c.raw("{\"type\":\"foo\",\"address\":\"scope.lobby.x\"}");
      c.nextError("unknown_type");
      c.raw("{\"type\":7}");
      c.nextError("invalid_frame");
      c.sync();
    }
  }

  @Test
  void missingAddressGetsAnError() {
    try (TcpClient c = hub.tcp()) {
      c.raw("{\"type\":\"publish\",\"body\":1}");
      c.nextError("missing_address");
      c.raw("{\"type\":\"register\",\"address\":\"\"}");
      c.nextError("missing_address");
      c.sync();
    }
  }

  @Test
  void deniedAddressesGetAccessDenied() {
    try (TcpClient c = hub.tcp()) {
      c.publish("secret.plans", 1);
      c.nextError("access_denied");
      c.register("secret.plans");
      c.nextError("access_denied");
      c.send(new JsonObject().put("type", "send").put("address", "secret.plans").put("body", 1));
      c.nextError("access_denied");
      c.sync();
    }
  }

  @Test
  void aDeniedRequestFailsAtItsReplyAddress() {
    try (TcpClient c = hub.tcp()) {
      c.request("secret.plans", 1, "r4");
      JsonObject err = c.next();
      assertEquals("r4", err.getString("address"));
      assertEquals("access_denied", err.getString("error"));
      assertEquals(2001, err.getInteger("failureCode"));
    }
  }

  @Test
  void nobodyMayRegisterUnderHub() {
    try (TcpClient c = hub.tcp()) {
      c.register("hub.echo");
      c.nextError("access_denied");
      c.register("__vertx.reply.1");
      c.nextError("access_denied");
      c.sync();
    }
  }

  @Test
  void aClientCannotAnswerARequestItDidNotReceive() {
    try (TcpClient owner = hub.tcp(); TcpClient thief = hub.tcp()) {
      owner.register("scope.lobby.owned").sync();
      hub.vertx.eventBus().request("scope.lobby.owned", "x");
      String replyAddress = owner.next().getString("replyAddress");
      thief.send(new JsonObject().put("type", "send").put("address", replyAddress).put("body", "stolen"));
      thief.nextError("access_denied");
    }
  }

  @Test
  void registeringTwiceIsAnErrorAndDeliversOnce() {
    try (TcpClient c = hub.tcp(); TcpClient pub = hub.tcp()) {
      c.register("scope.lobby.twice").sync();
      c.register("scope.lobby.twice");
      c.nextError("address_already_registered");
      pub.publish("scope.lobby.twice", 1);
      assertEquals(1, c.next().getInteger("body"));
      c.expectNothing(200);
      c.unregister("scope.lobby.twice").sync();
      pub.publish("scope.lobby.twice", 2);
      c.expectNothing(300);
    }
  }

  @Test
  void unregisteringAnAddressNotRegisteredIsAnError() {
    try (TcpClient c = hub.tcp()) {
      c.unregister("scope.lobby.never");
      c.nextError("not_registered");
      c.sync();
    }
  }

  @Test
  void afterUnregisterNothingMoreArrives() {
    try (TcpClient c = hub.tcp(); TcpClient pub = hub.tcp()) {
      c.register("scope.lobby.gone").sync();
      c.unregister("scope.lobby.gone").sync();
      pub.publish("scope.lobby.gone", 1).sync();
      c.expectNothing(300);
    }
  }

  @Test
  void closingAConnectionReleasesItsRegistrations() {
    TcpClient c = hub.tcp();
    c.register("scope.lobby.released").sync();
    assertTrue(hub.core.fanout().has("scope.lobby.released"));
    c.close();
    assertTrue(Await.until(() -> !hub.core.fanout().has("scope.lobby.released"), 5000));
  }

  @Test
  void aFrameOverTheLimitGetsAnErrorAndClosesTheConnection() {
    try (TcpClient c = hub.tcp()) {
      c.rawWithLength(64 * 1024 + 1, new byte[0]);
      JsonObject err = c.nextError("frame_too_large");
      assertEquals(4001, err.getInteger("code"));
      assertTrue(c.awaitClosed(5000));
    }
  }

  @Test
  void aNegativeLengthGetsAnErrorAndClosesTheConnection() {
    try (TcpClient c = hub.tcp()) {
      c.rawWithLength(-5, new byte[0]);
      c.nextError("invalid_frame_length");
      assertTrue(c.awaitClosed(5000));
    }
  }

  @Test
  void aFrameJustUnderTheLimitIsAccepted() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.big").sync();
      String text = "x".repeat(64 * 1024 - 100);
      c.publish("scope.lobby.big", text);
      assertEquals(text, c.next().getString("body"));
    }
  }

  @Test
  void anAddressOverTheLimitIsRefused() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby." + "a".repeat(200));
      c.nextError("address_too_long");
      c.sync();
    }
  }

  @Test
  void theMisbehavingClientDoesNotDisturbOthers() {
    try (TcpClient good = hub.tcp(); TcpClient bad = hub.tcp()) {
      good.register("scope.lobby.calm").sync();
      bad.raw("{oops").raw("{\"type\":\"nope\"}").rawWithLength(Integer.MAX_VALUE, new byte[0]);
      assertTrue(bad.awaitClosed(5000));
      TcpClient pub = hub.tcp();
      pub.publish("scope.lobby.calm", "still here");
      assertEquals("still here", good.next().getString("body"));
      pub.close();
      assertFalse(good.isClosed());
    }
  }

  private static Throwable assertFails(io.vertx.core.Future<?> f) {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected the future to fail");
  }
}
