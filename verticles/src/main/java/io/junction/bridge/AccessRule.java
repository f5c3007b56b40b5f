package io.junction.bridge;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of the access policy: an exact {@code address} or a full-match {@code address_regex} (one of the two),
 * and optionally a {@code match} object that the message body must contain (every field equal; nested objects
 * compared the same way). Either may contain {@code {user}}, the connection's user name: such a rule is resolved per
 * user ({@link #forUser}) and never applies to anonymous connections. Immutable.
 */
public final class AccessRule {

  /** The user-name placeholder in rules. */
  public static final String USER = "{user}";

  private final String address;
  private final Pattern regex;
  private final String regexText;
  private final JsonObject match;

  private AccessRule(String address, Pattern regex, String regexText, JsonObject match) {
    this.address = address;
    this.regex = regex;
    this.regexText = regexText;
    this.match = match;
  }

  public static AccessRule address(String address) {
    return new AccessRule(Objects.requireNonNull(address), null, null, null);
  }

  public static AccessRule regex(String regex) {
    // a template is compiled once its user is known
    return new AccessRule(null, regex.contains(USER) ? null : Pattern.compile(regex), regex, null);
  }

  /** This rule, permitting only bodies that contain {@code match}. */
  public AccessRule withMatch(JsonObject match) {
    return new AccessRule(address, regex, regexText, match == null ? null : match.copy());
  }

  /** This rule for {@code user} (null: anonymous): {@code {user}} replaced, or null when it needs a user. */
  AccessRule forUser(String user) {
    boolean template = address != null ? address.contains(USER) : regexText.contains(USER);
    if (!template) {
      return this;
    }
    if (user == null) {
      return null;
    }
    if (address != null) {
      return new AccessRule(address.replace(USER, user), null, null, match);
    }
    String resolved = regexText.replace(USER, Pattern.quote(user));
    return new AccessRule(null, Pattern.compile(resolved), resolved, match);
  }

  /**
   * Reads {@code {"address": A}} or {@code {"address_regex": R}}, each with an optional {@code "match"}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static AccessRule fromJson(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!key.equals("address") && !key.equals("address_regex") && !key.equals("match")) {
        throw new IllegalArgumentException("unknown key \"" + key + "\" (use address, address_regex, match)");
      }
    }
    Object a = json.getValue("address");
    Object r = json.getValue("address_regex");
    if ((a == null) == (r == null)) {
      throw new IllegalArgumentException("a rule needs exactly one of \"address\" and \"address_regex\"");
    }
    AccessRule rule;
    if (a != null) {
      rule = address(requireString(a, "address"));
    } else {
      try {
        String text = requireString(r, "address_regex");
        rule = regex(text);
        Pattern.compile(text.replace(USER, "u"));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("address_regex is not a valid regular expression: " + e.getDescription());
      }
    }
    Object m = json.getValue("match");
    if (m != null && !(m instanceof JsonObject)) {
      throw new IllegalArgumentException("\"match\" must be an object");
    }
    return rule.withMatch((JsonObject) m);
  }

  private static String requireString(Object v, String key) {
    if (!(v instanceof String) || ((String) v).isEmpty()) {
      throw new IllegalArgumentException("\"" + key + "\" must be a non-empty string");
    }
    return (String) v;
  }

  public JsonObject toJson() {
    JsonObject json = address != null ? new JsonObject().put("address", address)
      : new JsonObject().put("address_regex", regexText);
    return match == null ? json : json.put("match", match.copy());
  }

  public boolean matchesAddress(String a) {
    return address != null ? address.equals(a) : regex.matcher(a).matches();
  }

  /** Whether the rule looks at the body at all. */
  public boolean hasMatch() {
    return match != null;
  }

  /** Whether {@code body} (a decoded JSON object, or null) contains this rule's {@code match}. */
  public boolean matchesBody(JsonObject body) {
    return match == null || contains(body, match);
  }

  private static boolean contains(JsonObject body, JsonObject expected) {
    if (body == null) {
      return false;
    }
    for (Map.Entry<String, Object> e : expected) {
      Object actual = body.getValue(e.getKey());
      Object want = e.getValue();
      if (want instanceof JsonObject) {
        if (!(actual instanceof JsonObject) || !contains((JsonObject) actual, (JsonObject) want)) {
          return false;
        }
      } else if (!sameValue(want, actual)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameValue(Object want, Object actual) {
    if (want instanceof Number && actual instanceof Number) {
      return ((Number) want).doubleValue() == ((Number) actual).doubleValue();
    }
    return Objects.equals(want, actual);
  }
}
