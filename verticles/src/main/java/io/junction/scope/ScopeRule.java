package io.junction.scope;

import io.junction.bridge.AccessPolicy;
import io.junction.bridge.Problems;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What one scope allows and keeps (config {@code scopes.default}, {@code scopes.rules.<pattern>}): the roles that
 * may {@code join}, {@code publish} (and send) and {@code subscribe}; {@code presence} on or off; history of the
 * last {@code history_size} messages no older than {@code history_max_age_seconds} (size 0: none); and
 * {@code max_members}. Roles: {@code anonymous} (every connection), {@code user} (every logged-in one) or a role
 * name. Immutable.
 */
public final class ScopeRule {

  public static final String ANONYMOUS = "anonymous";
  public static final String USER = "user";

  final List<String> join;
  final List<String> publish;
  final List<String> subscribe;
  final boolean presence;
  final int historySize;
  final int historyMaxAgeSeconds;
  final int maxMembers;

  ScopeRule(List<String> join, List<String> publish, List<String> subscribe, boolean presence, int historySize,
            int historyMaxAgeSeconds, int maxMembers) {
    this.join = List.copyOf(join);
    this.publish = List.copyOf(publish);
    this.subscribe = List.copyOf(subscribe);
    this.presence = presence;
    this.historySize = historySize;
    this.historyMaxAgeSeconds = historyMaxAgeSeconds;
    this.maxMembers = maxMembers;
  }

  /** The built-in default: logged-in users only, presence on, no history, 10,000 members. */
  public static ScopeRule defaults() {
    return new ScopeRule(List.of(USER), List.of(USER), List.of(USER), true, 0, 3600, 10_000);
  }

  /** An open scope (anonymous may do everything) with {@code historySize} messages of history; for tests and lobby. */
  public static ScopeRule open(int historySize) {
    return new ScopeRule(List.of(ANONYMOUS), List.of(ANONYMOUS), List.of(ANONYMOUS), true, historySize, 3600, 10_000);
  }

  /** Reads a rule: keys absent from {@code json} come from {@code base}. Problems one line each under {@code where}. */
  static ScopeRule fromJson(JsonObject json, ScopeRule base, String where, Problems problems) {
    for (String key : json.fieldNames()) {
      if (!List.of("join", "publish", "subscribe", "presence", "history_size", "history_max_age_seconds", "max_members").contains(key)) {
        problems.add(where + ": unknown key \"" + key + "\" (use join, publish, subscribe, presence, history_size, "
          + "history_max_age_seconds, max_members)");
      }
    }
    List<String> join = roles(json, "join", base.join, where, problems);
    List<String> publish = roles(json, "publish", base.publish, where, problems);
    List<String> subscribe = roles(json, "subscribe", base.subscribe, where, problems);
    Object p = json.getValue("presence", base.presence);
    if (!(p instanceof Boolean)) {
      problems.add(where + ".presence: must be true or false");
      p = base.presence;
    }
    int size = number(json, "history_size", base.historySize, 0, 100_000, where, problems);
    int age = number(json, "history_max_age_seconds", base.historyMaxAgeSeconds, 1, 30 * 86_400, where, problems);
    int max = number(json, "max_members", base.maxMembers, 1, 10_000_000, where, problems);
    return new ScopeRule(join, publish, subscribe, (Boolean) p, size, age, max);
  }

  private static List<String> roles(JsonObject json, String key, List<String> fallback, String where, Problems problems) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    List<String> out = new ArrayList<>();
    if (v instanceof JsonArray) {
      for (Object r : (JsonArray) v) {
        if (r instanceof String && !((String) r).isEmpty()) {
          out.add((String) r);
        } else {
          problems.add(where + "." + key + ": roles are non-empty strings, got " + r);
        }
      }
    } else {
      problems.add(where + "." + key + ": must be an array of roles (anonymous, user, or role names)");
    }
    return out;
  }

  private static int number(JsonObject json, String key, int fallback, int min, int max, String where, Problems problems) {
    Object v = json.getValue(key, fallback);
    if (!(v instanceof Integer) || (Integer) v < min || (Integer) v > max) {
      problems.add(where + "." + key + ": must be a whole number between " + min + " and " + max + ", got " + v);
      return fallback;
    }
    return (Integer) v;
  }

  JsonObject toJson() {
    return new JsonObject().put("join", new JsonArray(join)).put("publish", new JsonArray(publish))
      .put("subscribe", new JsonArray(subscribe)).put("presence", presence).put("history_size", historySize)
      .put("history_max_age_seconds", historyMaxAgeSeconds).put("max_members", maxMembers);
  }

  public boolean mayJoin(AccessPolicy.Access a) {
    return allows(join, a);
  }

  public boolean mayPublish(AccessPolicy.Access a) {
    return allows(publish, a);
  }

  public boolean maySubscribe(AccessPolicy.Access a) {
    return allows(subscribe, a);
  }

  private static boolean allows(List<String> roles, AccessPolicy.Access a) {
    if (roles.contains(ANONYMOUS)) {
      return true;
    }
    if (a.user() == null) {
      return false;
    }
    if (roles.contains(USER)) {
      return true;
    }
    for (String r : a.roles()) {
      if (roles.contains(r)) {
        return true;
      }
    }
    return false;
  }

  public boolean presence() {
    return presence;
  }

  /** Messages of history kept; 0: none. */
  public int historySize() {
    return historySize;
  }

  public int historyMaxAgeSeconds() {
    return historyMaxAgeSeconds;
  }

  public int maxMembers() {
    return maxMembers;
  }
}
