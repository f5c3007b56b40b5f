package io.junction.bridge;

import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The access policy as clients meet it: exact, regex and body-match rules, inbound and outbound. */
@Timeout(60)
class AccessRulesEndpointTest {

  static TestHub hub;

  @BeforeAll
  static void start() {
    List<AccessRule> inbound = List.of(AccessRule.address("robot.cmd").withMatch(new JsonObject().put("action", "read")),
      AccessRule.regex("open\\..*"));
    AccessPolicy policy = TestHub.policy(inbound, inbound,
      List.of(AccessRule.address("robot.events").withMatch(new JsonObject().put("level", "public")),
        AccessRule.regex("open\\..*")));
    hub = TestHub.start(l -> { }, policy);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void anInboundMatchRulePassesOnlyMatchingBodies() {
    try (TcpClient c = hub.tcp()) {
      c.publish("robot.cmd", new JsonObject().put("action", "read").put("arm", 1)).sync();
      c.publish("robot.cmd", new JsonObject().put("action", "write"));
      c.nextError("access_denied");
      c.publish("robot.cmd", "not an object");
      c.nextError("access_denied");
    }
  }

  @Test
  void anOutboundMatchRuleFiltersWhatASubscriberReceives() {
    try (TcpClient sub = hub.tcp()) {
      sub.register("robot.events").sync();
      hub.vertx.eventBus().publish("robot.events", new JsonObject().put("level", "secret").put("n", 1));
      hub.vertx.eventBus().publish("robot.events", new JsonObject().put("level", "public").put("n", 2));
      assertEquals(2, sub.next().getJsonObject("body").getInteger("n"));
      sub.expectNothing(200);
    }
  }

  @Test
  void addressesNoRuleNamesAreDenied() {
    try (TcpClient c = hub.tcp()) {
      c.register("robot.cmd");
      c.nextError("access_denied");
      c.publish("elsewhere.x", 1);
      c.nextError("access_denied");
      c.publish("open.anything", 1).sync();
    }
  }
}
