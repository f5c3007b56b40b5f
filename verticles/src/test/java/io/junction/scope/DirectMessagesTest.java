package io.junction.scope;

import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** client.ID reaches exactly one connection, which registered nothing. */
@Timeout(60)
class DirectMessagesTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.start();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  private static String id(TcpClient c) {
    c.request("hub.auth.whoami", null, "w");
    return c.next().getJsonObject("body").getString("client");
  }

  @Test
  void aDirectMessageReachesOnlyThatConnection() {
    try (TcpClient a = hub.tcp(); TcpClient b = hub.tcp(); WsClient ws = hub.ws()) {
      String idA = id(a);
      String idB = id(b);
      ws.send(new JsonObject().put("type", "send").put("address", "client." + idA).put("body", "for a"));
      JsonObject got = a.next();
      assertEquals("client." + idA, got.getString("address"));
      assertEquals("for a", got.getString("body"));
      assertEquals(null, got.getJsonObject("headers").getString("junction.to"), "the routing header is the hub's own");
      b.expectNothing(300);

      ws.request("client." + idB, "question", "r1");
      JsonObject asked = b.next();
      b.send(new JsonObject().put("type", "send").put("address", asked.getString("replyAddress")).put("body", "answer"));
      assertEquals("answer", ws.next().getString("body"));
    }
  }

  @Test
  void nobodyRegistersClientAddressesAndAGoneConnectionIsNoHandlers() {
    try (TcpClient a = hub.tcp(); TcpClient b = hub.tcp()) {
      String idA = id(a);
      b.register("client." + idA);
      b.nextError("access_denied");
      a.close();
      String prefix = idA.substring(0, 8);
      JsonObject err = null;
      for (int i = 0; i < 50 && err == null; i++) {
        b.request("client." + idA, "anyone?", "r" + i);
        JsonObject f = b.next();
        if ("no_handlers".equals(f.getString("error"))) {
          err = f;
        }
      }
      assertEquals("no_handlers", err.getString("error"));
      b.request("client." + prefix + "nosuchconnection", "x", "r");
      assertEquals("no_handlers", b.next().getString("error"));
    }
  }
}
