package io.junction.scope;

import io.junction.bridge.Problems;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The scope rules of a node (config section {@code scopes}): {@code default}, and {@code rules} by scope name or
 * pattern ({@code *} matches any characters: {@code team-*}); the first rule that matches a scope's name applies,
 * else the default. Keys a rule leaves out come from the default. Thread-safe; a name's rule is looked up once.
 */
public final class ScopeRules {

  /** Scope names: letters, digits, {@code _} and {@code -}, 1 to 64 characters (no dots: scope.NAME.topic). */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int CACHE_LIMIT = 10_000;

  private final ScopeRule fallback;
  private final Map<String, ScopeRule> rules;
  private final Map<Pattern, ScopeRule> patterns = new LinkedHashMap<>();
  private final Map<String, ScopeRule> cache = new ConcurrentHashMap<>();

  public ScopeRules(ScopeRule fallback, Map<String, ScopeRule> rules) {
    this.fallback = fallback;
    this.rules = new LinkedHashMap<>(rules);
    rules.forEach((pattern, rule) -> patterns.put(glob(pattern), rule));
  }

  /** The rules of conf/hub.json's defaults: an open lobby with 100 messages of history, logged-in users elsewhere. */
  public static ScopeRules defaults() {
    return new ScopeRules(ScopeRule.defaults(), Map.of("lobby", ScopeRule.open(100)));
  }

  public static ScopeRules fromJson(JsonObject json, Problems problems) {
    for (String key : json.fieldNames()) {
      if (!key.equals("default") && !key.equals("rules")) {
        problems.add("scopes: unknown key \"" + key + "\" (use default, rules)");
      }
    }
    ScopeRule fallback = ScopeRule.fromJson(json.getJsonObject("default", new JsonObject()), ScopeRule.defaults(),
      "scopes.default", problems);
    Map<String, ScopeRule> rules = new LinkedHashMap<>();
    JsonObject r = json.getJsonObject("rules", new JsonObject());
    for (String pattern : r.fieldNames()) {
      Object v = r.getValue(pattern);
      String where = "scopes.rules." + pattern;
      if (!NAME.matcher(pattern.replace("*", "x")).matches()) {
        problems.add(where + ": a scope name or pattern is letters, digits, '_', '-' and '*'");
      } else if (v instanceof JsonObject) {
        rules.put(pattern, ScopeRule.fromJson((JsonObject) v, fallback, where, problems));
      } else {
        problems.add(where + ": must be an object (join, publish, subscribe, presence, history_size, ...)");
      }
    }
    return new ScopeRules(fallback, rules);
  }

  private static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    String[] parts = pattern.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      re.append(i > 0 ? ".*" : "").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(re.toString());
  }

  public JsonObject toJson() {
    JsonObject r = new JsonObject();
    rules.forEach((name, rule) -> r.put(name, rule.toJson()));
    return new JsonObject().put("default", fallback.toJson()).put("rules", r);
  }

  /** The rule of scope {@code name} (a valid name). */
  public ScopeRule rule(String name) {
    ScopeRule r = cache.get(name);
    if (r == null) {
      r = fallback;
      for (Map.Entry<Pattern, ScopeRule> e : patterns.entrySet()) {
        if (e.getKey().matcher(name).matches()) {
          r = e.getValue();
          break;
        }
      }
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(name, r);
    }
    return r;
  }
}
