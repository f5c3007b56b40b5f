package io.junction.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

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

  /** The rules as anonymous connections get them: {@code {"anonymous": {...}}}. */
  private static AccessPolicy.Access anonymous(String rules) {
    return policy("{\"anonymous\":" + rules + "}").anonymous();
  }

  @Test
  void nothingIsPermittedWithoutARule() {
    AccessPolicy p = policy("{}");
    for (AccessPolicy.Access a : List.of(p.anonymous(), p.forUser("alice", List.of("admin")))) {
      assertFalse(a.publish("a").any());
      assertFalse(a.send("a").any());
      assertFalse(a.subscribe("a").any());
    }
  }

  @Test
  void exactAndRegexRulesMatchWholeAddresses() {
    AccessPolicy.Access a = anonymous("{\"send\":[{\"address\":\"hub.echo\"},{\"address_regex\":\"scope\\\\.lobby\\\\..+\"}]}");
    assertTrue(a.send("hub.echo").all());
    assertFalse(a.send("hub.echo2").any());
    assertTrue(a.send("scope.lobby.chat").all());
    assertFalse(a.send("xscope.lobby.chat").any());
    assertFalse(a.send("scope.lobby.").any());
    assertFalse(a.publish("hub.echo").any(), "send rules do not permit publishing");
    assertFalse(a.subscribe("hub.echo").any(), "send rules do not permit subscribing");
  }

  @Test
  void matchRulesLookAtTheBody() {
    AccessPolicy.Access a = anonymous("{\"publish\":[{\"address\":\"cmd\",\"match\":{\"action\":\"read\",\"opts\":{\"safe\":true},\"n\":1}}]}");
    AccessPolicy.Grant g = a.publish("cmd");
    assertTrue(g.any());
    assertFalse(g.all());
    assertTrue(g.permits(new JsonObject("{\"action\":\"read\",\"opts\":{\"safe\":true,\"x\":2},\"n\":1.0,\"more\":1}")));
    assertFalse(g.permits(new JsonObject("{\"action\":\"write\",\"opts\":{\"safe\":true},\"n\":1}")));
    assertFalse(g.permits(new JsonObject("{\"action\":\"read\",\"opts\":{\"safe\":false},\"n\":1}")));
    assertFalse(g.permits(null));
  }

  @Test
  void anUnconditionalRuleWinsOverAMatchRule() {
    AccessPolicy.Access a = anonymous("{\"subscribe\":[{\"address\":\"a\",\"match\":{\"k\":1}},{\"address_regex\":\"a|b\"}]}");
    assertTrue(a.subscribe("a").all());
  }

  @Test
  void aUserGetsTheAnonymousRulesThoseOfRoleUserAndThoseOfItsRoles() {
    AccessPolicy p = policy("{\"anonymous\":{\"publish\":[{\"address\":\"open\"}]},"
      + "\"roles\":{\"user\":{\"publish\":[{\"address\":\"members\"}]},"
      + "\"ops\":{\"publish\":[{\"address_regex\":\"ops\\\\..*\"}]}}}");
    assertTrue(p.anonymous().publish("open").all());
    assertFalse(p.anonymous().publish("members").any());
    AccessPolicy.Access bob = p.forUser("bob", List.of());
    assertTrue(bob.publish("open").all());
    assertTrue(bob.publish("members").all());
    assertFalse(bob.publish("ops.restart").any());
    AccessPolicy.Access carol = p.forUser("carol", List.of("ops", "unknown-role"));
    assertTrue(carol.publish("ops.restart").all());
    assertTrue(carol.publish("members").all());
  }

  @Test
  void userTemplatesResolveToTheConnectionsUserAndNeverApplyToAnonymous() {
    AccessPolicy p = policy("{\"anonymous\":{\"subscribe\":[{\"address\":\"user.{user}\"}]},"
      + "\"roles\":{\"user\":{\"send\":[{\"address_regex\":\"chat\\\\.{user}\\\\..+\"}]}}}");
    assertFalse(p.anonymous().subscribe("user.{user}").any());
    assertFalse(p.anonymous().subscribe("user.null").any());
    AccessPolicy.Access alice = p.forUser("alice", List.of());
    assertTrue(alice.subscribe("user.alice").all());
    assertFalse(alice.subscribe("user.bob").any());
    assertTrue(alice.send("chat.alice.room1").all());
    assertFalse(alice.send("chat.bob.room1").any());
    // a name with regex characters is matched literally
    AccessPolicy.Access dotted = p.forUser("a.b", List.of());
    assertTrue(dotted.send("chat.a.b.x").all());
    assertFalse(dotted.send("chat.aXb.x").any());
  }

  @Test
  void badRulesAreReportedOneLineEach() {
    Problems problems = new Problems();
    AccessPolicy.fromJson(new JsonObject().put("anonymous", new JsonObject().put("send", new JsonArray()
      .add(new JsonObject().put("address_regex", "([a"))
      .add(new JsonObject())
      .add(new JsonObject().put("address", "a").put("adress", "typo"))
      .add("not a rule")
      .add(new JsonObject().put("address", "a").put("match", 1))))
      .put("roles", new JsonObject().put("ops", "everything").put("dev", new JsonObject().put("write", new JsonArray())))
      .put("inbound", new JsonArray()), problems);
    List<String> lines = problems.lines();
    assertEquals(8, lines.size(), lines::toString);
    assertTrue(lines.contains("access: unknown key \"inbound\" (use anonymous, roles)"), lines::toString);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("access.anonymous.send[0]: address_regex is not a valid regular expression")), lines::toString);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("access.anonymous.send[2]: unknown key \"adress\"")), lines::toString);
    assertTrue(lines.contains("access.roles.ops: must be an object of publish, send, subscribe rules"), lines::toString);
    assertTrue(lines.contains("access.roles.dev: unknown key \"write\" (use publish, send, subscribe)"), lines::toString);
  }

  @Test
  void rulesRoundTripThroughJson() {
    String json = "{\"anonymous\":{\"publish\":[{\"address\":\"a\",\"match\":{\"k\":1}}],\"send\":[],"
      + "\"subscribe\":[{\"address_regex\":\"b.*\"}]},\"roles\":{\"admin\":{\"publish\":[],\"send\":[],"
      + "\"subscribe\":[{\"address\":\"user.{user}\"}]}}}";
    assertEquals(new JsonObject(json), policy(json).toJson());
  }
}
