package io.junction.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one access policy of every transport (config section {@code access}): {@code inbound} rules say where
 * clients may send and publish, {@code outbound} rules what they may register for (and so receive). Nothing is
 * permitted unless a rule permits it. Decisions by address are cached, so the per-message cost of regex rules is
 * paid once per address. Thread-safe.
 *
 * <p>Some addresses are closed whatever the rules say: nobody registers under {@code hub.} or {@code __vertx.},
 * and a client sends to a {@code __vertx.} address only to answer a request it received (the session checks that).
 */
public final class AccessPolicy {

  private static final int CACHE_LIMIT = 10_000;

  private final List<AccessRule> inbound;
  private final List<AccessRule> outbound;
  private final Map<String, Grant> inboundCache = new ConcurrentHashMap<>();
  private final Map<String, Grant> outboundCache = new ConcurrentHashMap<>();

  public AccessPolicy(List<AccessRule> inbound, List<AccessRule> outbound) {
    this.inbound = List.copyOf(inbound);
    this.outbound = List.copyOf(outbound);
  }

  /** Reads {@code {"inbound": [rules], "outbound": [rules]}}; bad rules are recorded as {@code access.inbound[i]: why}. */
  public static AccessPolicy fromJson(JsonObject json, Problems problems) {
    return new AccessPolicy(rules(json, "inbound", problems), rules(json, "outbound", problems));
  }

  private static List<AccessRule> rules(JsonObject json, String key, Problems problems) {
    List<AccessRule> rules = new ArrayList<>();
    Object v = json.getValue(key);
    if (v == null) {
      return rules;
    }
    if (!(v instanceof JsonArray)) {
      problems.add("access." + key + ": must be an array of rules");
      return rules;
    }
    JsonArray array = (JsonArray) v;
    for (int i = 0; i < array.size(); i++) {
      Object r = array.getValue(i);
      String where = "access." + key + "[" + i + "]";
      if (!(r instanceof JsonObject)) {
        problems.add(where + ": a rule must be an object");
        continue;
      }
      problems.check(where, () -> rules.add(AccessRule.fromJson((JsonObject) r)));
    }
    return rules;
  }

  public JsonObject toJson() {
    JsonArray in = new JsonArray();
    inbound.forEach(r -> in.add(r.toJson()));
    JsonArray out = new JsonArray();
    outbound.forEach(r -> out.add(r.toJson()));
    return new JsonObject().put("inbound", in).put("outbound", out);
  }

  /** What the inbound rules grant for messages to {@code address}. */
  public Grant inbound(String address) {
    return cached(inboundCache, inbound, address);
  }

  /** What the outbound rules grant a client registering {@code address}. */
  public Grant outbound(String address) {
    return cached(outboundCache, outbound, address);
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
