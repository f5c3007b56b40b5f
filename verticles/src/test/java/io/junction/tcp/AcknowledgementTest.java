package io.junction.tcp;

import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Junction extension: register, unregister and publish frames with a replyAddress are acknowledged there. */
@Timeout(60)
class AcknowledgementTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static JsonObject frame(String type, String address, String replyAddress) {
    return new JsonObject().put("type", type).put("address", address).put("replyAddress", replyAddress);
  }

  @Test
  void aRegisterWithAReplyAddressIsAcknowledgedOnceInPlace() {
    try (TcpClient c = hub.tcp()) {
      c.send(frame("register", "scope.lobby.ack", "a1"));
      JsonObject ack = c.next();
      assertEquals("message", ack.getString("type"));
      assertEquals("a1", ack.getString("address"));
      assertEquals(new JsonObject().put("registered", "scope.lobby.ack"), ack.getJsonObject("body"));
      c.send(frame("publish", "scope.lobby.ack", "a2").put("body", 5));
      JsonObject first = c.next();
      JsonObject second = c.next();
      assertEquals(new JsonObject().put("published", "scope.lobby.ack"),
        (first.getString("address").equals("a2") ? first : second).getJsonObject("body"));
      assertEquals(5, (first.getString("address").equals("a2") ? second : first).getInteger("body"));
      c.send(frame("unregister", "scope.lobby.ack", "a3"));
      assertEquals(new JsonObject().put("unregistered", "scope.lobby.ack"), c.next().getJsonObject("body"));
    }
  }

  @Test
  void refusalsOfAcknowledgedFramesGoToTheirReplyAddress() {
    try (TcpClient c = hub.tcp()) {
      c.send(frame("register", "secret.x", "b1"));
      JsonObject err = c.next();
      assertEquals("b1", err.getString("address"));
      assertEquals("access_denied", err.getString("error"));
      c.send(frame("publish", "secret.x", "b2"));
      assertEquals("b2", c.next().getString("address"));
      c.send(frame("unregister", "scope.lobby.never", "b3"));
      JsonObject notRegistered = c.next();
      assertEquals("b3", notRegistered.getString("address"));
      assertEquals("not_registered", notRegistered.getString("error"));
    }
  }

  @Test
  void framesWithoutAReplyAddressAreNotAcknowledged() {
    try (TcpClient c = hub.tcp()) {
      c.register("scope.lobby.quiet").publish("scope.lobby.other", 1).sync();
    }
  }
}
