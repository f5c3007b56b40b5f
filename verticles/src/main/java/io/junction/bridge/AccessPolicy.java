package io.junction.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one access policy of every transport (config section {@code access}): per role, which addresses may be
 * published to, sent to, and subscribed to. {@code anonymous} rules apply to every connection; the role
 * {@value #USER} to every logged-in one; {@code roles.<name>} to connections whose user has that role. A rule may
 * say {@code {user}}, the connection's user name ({@code user.{user}}: one's own inbox). Nothing is permitted
 * unless a rule permits it. Thread-safe; the rules of one user and role set are compiled once.
 */
public final class AccessPolicy {

  /** The implicit role of every logged-in connection. */
  public static final String USER = "user";
  private static final int CACHE_LIMIT = 10_000;

  private final Rules anonymous;
  private final Map<String, Rules> roles;
  private final Access anonymousAccess;
  private final Map<String, Access> cache = new ConcurrentHashMap<>();

  public AccessPolicy(Rules anonymous, Map<String, Rules> roles) {
    this.anonymous = anonymous;
    this.roles = Map.copyOf(roles);
    this.anonymousAccess = new Access(anonymous.resolve(null), null, List.of());
  }

  /** What a role may do. */
  public static final class Rules {
    final List<AccessRule> publish;
    final List<AccessRule> send;
    final List<AccessRule> subscribe;

    public Rules(List<AccessRule> publish, List<AccessRule> send, List<AccessRule> subscribe) {
      this.publish = List.copyOf(publish);
      this.send = List.copyOf(send);
      this.subscribe = List.copyOf(subscribe);
    }

    public static Rules none() {
      return new Rules(List.of(), List.of(), List.of());
    }

    Rules resolve(String user) {
      return new Rules(resolve(publish, user), resolve(send, user), resolve(subscribe, user));
    }

    private static List<AccessRule> resolve(List<AccessRule> rules, String user) {
      List<AccessRule> out = new ArrayList<>();
      for (AccessRule r : rules) {
        AccessRule resolved = r.forUser(user);
        if (resolved != null) {
          out.add(resolved);
        }
      }
      return out;
    }

    Rules plus(Rules other) {
      return new Rules(concat(publish, other.publish), concat(send, other.send), concat(subscribe, other.subscribe));
    }

    private static List<AccessRule> concat(List<AccessRule> a, List<AccessRule> b) {
      List<AccessRule> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }

    static Rules fromJson(JsonObject json, String where, Problems problems) {
      for (String key : json.fieldNames()) {
        if (!key.equals("publish") && !key.equals("send") && !key.equals("subscribe")) {
          problems.add(where + ": unknown key \"" + key + "\" (use publish, send, subscribe)");
        }
      }
      return new Rules(rules(json, "publish", where, problems), rules(json, "send", where, problems),
        rules(json, "subscribe", where, problems));
    }

    JsonObject toJson() {
      return new JsonObject().put("publish", json(publish)).put("send", json(send)).put("subscribe", json(subscribe));
    }
  }

  /** Reads {@code {"anonymous": {publish, send, subscribe}, "roles": {"name": {...}}}}; problems one line each. */
  public static AccessPolicy fromJson(JsonObject json, Problems problems) {
    for (String key : json.fieldNames()) {
      if (!key.equals("anonymous") && !key.equals("roles")) {
        problems.add("access: unknown key \"" + key + "\" (use anonymous, roles)");
      }
    }
    Rules anonymous = Rules.fromJson(json.getJsonObject("anonymous", new JsonObject()), "access.anonymous", problems);
    Map<String, Rules> roles = new LinkedHashMap<>();
    JsonObject r = json.getJsonObject("roles", new JsonObject());
    for (String role : r.fieldNames()) {
      Object v = r.getValue(role);
      if (v instanceof JsonObject) {
        roles.put(role, Rules.fromJson((JsonObject) v, "access.roles." + role, problems));
      } else {
        problems.add("access.roles." + role + ": must be an object of publish, send, subscribe rules");
      }
    }
    return new AccessPolicy(anonymous, roles);
  }

  private static List<AccessRule> rules(JsonObject json, String key, String where, Problems problems) {
    List<AccessRule> rules = new ArrayList<>();
    Object v = json.getValue(key);
    if (v == null) {
      return rules;
    }
    if (!(v instanceof JsonArray)) {
      problems.add(where + "." + key + ": must be an array of rules");
      return rules;
    }
    JsonArray array = (JsonArray) v;
    for (int i = 0; i < array.size(); i++) {
      Object rule = array.getValue(i);
      String at = where + "." + key + "[" + i + "]";
      if (!(rule instanceof JsonObject)) {
        problems.add(at + ": a rule must be an object");
        continue;
      }
      problems.check(at, () -> rules.add(AccessRule.fromJson((JsonObject) rule)));
    }
    return rules;
  }

  private static JsonArray json(List<AccessRule> rules) {
    JsonArray a = new JsonArray();
    rules.forEach(r -> a.add(r.toJson()));
    return a;
  }

  public JsonObject toJson() {
    JsonObject r = new JsonObject();
    roles.forEach((name, rules) -> r.put(name, rules.toJson()));
    return new JsonObject().put("anonymous", anonymous.toJson()).put("roles", r);
  }

  /** What a connection that did not log in may do. */
  public Access anonymous() {
    return anonymousAccess;
  }

  /** What {@code user} with {@code userRoles} may do: anonymous, {@value #USER} and each role's rules. */
  public Access forUser(String user, List<String> userRoles) {
    String key = user + "\u0000" + String.join("\u0000", new TreeSet<>(userRoles));
    Access a = cache.get(key);
    if (a == null) {
      Rules all = anonymous.resolve(user);
      for (String role : roleSet(userRoles)) {
        Rules rules = roles.get(role);
        if (rules != null) {
          all = all.plus(rules.resolve(user));
        }
      }
      a = new Access(all, user, List.copyOf(userRoles));
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(key, a);
    }
    return a;
  }

  private static List<String> roleSet(List<String> userRoles) {
    List<String> all = new ArrayList<>();
    all.add(USER);
    for (String r : userRoles) {
      if (!all.contains(r)) {
        all.add(r);
      }
    }
    return all;
  }

  /**
   * What one principal may do, by address; decisions are cached per address. Thread-safe.
   */
  public static final class Access {
    private final Rules rules;
    private final String user;
    private final List<String> roles;
    private final Map<String, Grant> publish = new ConcurrentHashMap<>();
    private final Map<String, Grant> send = new ConcurrentHashMap<>();
    private final Map<String, Grant> subscribe = new ConcurrentHashMap<>();

    Access(Rules rules, String user, List<String> roles) {
      this.rules = rules;
      this.user = user;
      this.roles = roles;
    }

    /** The user this access is for, or {@code null} for an anonymous connection. */
    public String user() {
      return user;
    }

    /** The user's roles (empty for anonymous connections). */
    public List<String> roles() {
      return roles;
    }

    public Grant publish(String address) {
      return cached(publish, rules.publish, address);
    }

    public Grant send(String address) {
      return cached(send, rules.send, address);
    }

    public Grant subscribe(String address) {
      return cached(subscribe, rules.subscribe, address);
    }

    private static Grant cached(Map<String, Grant> cache, List<AccessRule> rules, String address) {
      Grant g = cache.get(address);
      if (g == null) {
        g = Grant.of(rules, address);
        if (cache.size() >= CACHE_LIMIT) {
          cache.clear();
        }
        cache.put(address, g);
      }
      return g;
    }
  }

  /** The rules that permit one address: none, all bodies, or only bodies some {@code match} accepts. */
  public static final class Grant {
    static final Grant DENY = new Grant(false, List.of());
    static final Grant ALL = new Grant(true, List.of());

    private final boolean all;
    private final List<AccessRule> conditional;

    private Grant(boolean all, List<AccessRule> conditional) {
      this.all = all;
      this.conditional = conditional;
    }

    static Grant of(List<AccessRule> rules, String address) {
      List<AccessRule> conditional = new ArrayList<>();
      for (AccessRule r : rules) {
        if (r.matchesAddress(address)) {
          if (!r.hasMatch()) {
            return ALL;
          }
          conditional.add(r);
        }
      }
      return conditional.isEmpty() ? DENY : new Grant(false, List.copyOf(conditional));
    }

    /** Whether some message to the address may pass. */
    public boolean any() {
      return all || !conditional.isEmpty();
    }

    /** Whether every message passes, whatever its body. */
    public boolean all() {
      return all;
    }

    /** Whether a message whose body is {@code body} (a JSON object or null) passes. */
    public boolean permits(JsonObject body) {
      if (all) {
        return true;
      }
      for (AccessRule r : conditional) {
        if (r.matchesBody(body)) {
          return true;
        }
      }
      return false;
    }
  }
}
