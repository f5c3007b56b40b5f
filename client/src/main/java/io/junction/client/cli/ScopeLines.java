package io.junction.client.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.client.Message;
import io.junction.client.ScopeMember;

/**
 * How the scope commands print members, presence events and scope messages: one line each, as text or, with
 * {@code --json}, as one JSON object.
 */
final class ScopeLines {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ScopeLines() {
  }

  /** {@code CLIENT USER NODE TRANSPORT META} ({@code -} for no user, no meta), or {@code {"member":{...}}}. */
  static String member(ScopeMember m, boolean json) {
    return json ? "{\"member\":" + json(m) + "}" : text(m);
  }

  /** {@code join MEMBER} or {@code leave MEMBER}, or {@code {"event":"join"|"leave","member":{...}}}. */
  static String event(String event, ScopeMember m, boolean json) {
    return json ? "{\"event\":" + Main.quote(event) + ",\"member\":" + json(m) + "}" : event + " " + text(m);
  }

  /** {@code SEQ ADDRESS BODY} ({@code ADDRESS BODY} without a seq), or the line of {@code sub --json}. */
  static String message(Message m, boolean json) {
    if (json) {
      return Main.line(m.address(), m);
    }
    return (m.seq() >= 0 ? m.seq() + " " : "") + m.address() + " " + m.bodyText();
  }

  /** A message from history: {@code SEQ ADDRESS BODY}, or {@code {"seq","address","headers","body"}}. */
  static String kept(Message m, boolean json) {
    return json ? "{\"seq\":" + m.seq() + "," + Main.line(m.address(), m).substring(1) : message(m, false);
  }

  private static String text(ScopeMember m) {
    return m.client() + " " + (m.user() == null ? "-" : m.user()) + " " + m.node() + " " + m.transport() + " "
      + (m.meta().isNull() ? "-" : m.meta().toString());
  }

  /** {@code {"client","user","node","transport","since","meta"}}, as the hub reports a member. */
  private static String json(ScopeMember m) {
    ObjectNode o = MAPPER.createObjectNode().put("client", m.client()).put("user", m.user()).put("node", m.node())
      .put("transport", m.transport()).put("since", m.since());
    o.set("meta", m.meta());
    return o.toString();
  }
}
