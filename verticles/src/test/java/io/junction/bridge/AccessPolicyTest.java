package io.junction.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessPolicyTest {

  private static AccessPolicy policy(String json) {
    Problems p = new Problems();
    AccessPolicy policy = AccessPolicy.fromJson(new JsonObject(json), p);
    assertTrue(p.isEmpty(), p.lines()::toString);
    return policy;
  }

  @Test
  void nothingIsPermittedWithoutARule() {
    AccessPolicy p = policy("{}");
    assertFalse(p.inbound("a").any());
    assertFalse(p.outbound("a").any());
  }

  @Test
  void exactAndRegexRulesMatchWholeAddresses() {
    AccessPolicy p = policy("{\"inbound\":[{\"address\":\"hub.echo\"},{\"address_regex\":\"scope\\\\.lobby\\\\..+\"}]}");
    assertTrue(p.inbound("hub.echo").all());
    assertFalse(p.inbound("hub.echo2").any());
    assertTrue(p.inbound("scope.lobby.chat").all());
    assertFalse(p.inbound("xscope.lobby.chat").any());
    assertFalse(p.inbound("scope.lobby.").any());
    assertFalse(p.outbound("hub.echo").any());
  }

  @Test
  void matchRulesLookAtTheBody() {
    AccessPolicy p = policy("{\"inbound\":[{\"address\":\"cmd\",\"match\":{\"action\":\"read\",\"opts\":{\"safe\":true},\"n\":1}}]}");
    AccessPolicy.Grant g = p.inbound("cmd");
    assertTrue(g.any());
    assertFalse(g.all());
    assertTrue(g.permits(new JsonObject("{\"action\":\"read\",\"opts\":{\"safe\":true,\"x\":2},\"n\":1.0,\"more\":1}")));
    assertFalse(g.permits(new JsonObject("{\"action\":\"write\",\"opts\":{\"safe\":true},\"n\":1}")));
    assertFalse(g.permits(new JsonObject("{\"action\":\"read\",\"opts\":{\"safe\":false},\"n\":1}")));
    assertFalse(g.permits(null));
  }

  @Test
  void anUnconditionalRuleWinsOverAMatchRule() {
    AccessPolicy p = policy("{\"outbound\":[{\"address\":\"a\",\"match\":{\"k\":1}},{\"address_regex\":\"a|b\"}]}");
    assertTrue(p.outbound("a").all());
  }

  @Test
  void badRulesAreReportedOneLineEach() {
    Problems problems = new Problems();
    AccessPolicy.fromJson(new JsonObject().put("inbound", new JsonArray()
      .add(new JsonObject().put("address_regex", "([a"))
      .add(new JsonObject())
      .add(new JsonObject().put("address", "a").put("adress", "typo"))
      .add("not a rule")
      .add(new JsonObject().put("address", "a").put("match", 1))), problems);
    assertEquals(5, problems.lines().size(), problems.lines()::toString);
    assertTrue(problems.lines().get(0).startsWith("access.inbound[0]: address_regex is not a valid regular expression"));
    assertTrue(problems.lines().get(2).contains("unknown key \"adress\""));
  }

  @Test
  void rulesRoundTripThroughJson() {
    String json = "{\"inbound\":[{\"address\":\"a\",\"match\":{\"k\":1}},{\"address_regex\":\"b.*\"}],\"outbound\":[]}";
    assertEquals(new JsonObject(json), policy(json).toJson());
  }
}
