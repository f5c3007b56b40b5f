package io.junction.job;

import io.junction.bridge.Problems;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code jobs} section: how long finished jobs wait for their confirm, and per command how many run at once,
 * how many may wait, and how long one may run. Immutable.
 */
public final class JobSettings {

  /** Per command: {@code concurrency}, {@code queue}, {@code timeout_seconds}. */
  public static final class Limits {
    public final int concurrency;
    public final int queue;
    public final int timeoutSeconds;

    public Limits(int concurrency, int queue, int timeoutSeconds) {
      this.concurrency = concurrency;
      this.queue = queue;
      this.timeoutSeconds = timeoutSeconds;
    }

    JsonObject toJson() {
      return new JsonObject().put("concurrency", concurrency).put("queue", queue).put("timeout_seconds", timeoutSeconds);
    }
  }

  public final long expireSeconds;
  public final Limits defaults;
  private final Map<String, Limits> commands;

  public JobSettings(long expireSeconds, Limits defaults, Map<String, Limits> commands) {
    this.expireSeconds = expireSeconds;
    this.defaults = defaults;
    this.commands = Map.copyOf(commands);
  }

  /** 24 h expiry; 4 at once, 1000 waiting, 300 s per command. */
  public static JobSettings defaults() {
    return new JobSettings(86_400, new Limits(4, 1000, 300), Map.of());
  }

  public Limits of(String command) {
    return commands.getOrDefault(command, defaults);
  }

  /** Reads {@code {"expire_seconds","defaults":{...},"commands":{NAME:{...}}}}; problems one line each. */
  public static JobSettings fromJson(JsonObject json, Problems problems) {
    JobSettings base = defaults();
    if (json == null) {
      return base;
    }
    long expire = base.expireSeconds;
    Object e = json.getValue("expire_seconds");
    if (e != null) {
      if (!(e instanceof Number) || ((Number) e).longValue() < 1) {
        problems.add("jobs.expire_seconds: must be a number of seconds, at least 1");
      } else {
        expire = ((Number) e).longValue();
      }
    }
    Limits defaults = limits(json.getJsonObject("defaults"), base.defaults, "jobs.defaults", problems);
    Map<String, Limits> commands = new HashMap<>();
    JsonObject c = json.getJsonObject("commands", new JsonObject());
    for (String name : c.fieldNames()) {
      commands.put(name, limits(c.getJsonObject(name), defaults, "jobs.commands." + name, problems));
    }
    return new JobSettings(expire, defaults, commands);
  }

  private static Limits limits(JsonObject json, Limits base, String where, Problems problems) {
    if (json == null) {
      return base;
    }
    for (String key : json.fieldNames()) {
      if (!key.equals("concurrency") && !key.equals("queue") && !key.equals("timeout_seconds")) {
        problems.add(where + ": unknown key \"" + key + "\" (use concurrency, queue, timeout_seconds)");
      }
    }
    return new Limits(number(json, "concurrency", base.concurrency, 1, 10_000, where, problems),
      number(json, "queue", base.queue, 0, 1_000_000, where, problems),
      number(json, "timeout_seconds", base.timeoutSeconds, 1, 2_592_000, where, problems));
  }

  private static int number(JsonObject json, String key, int fallback, int min, int max, String where, Problems problems) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number) || ((Number) v).intValue() < min || ((Number) v).intValue() > max) {
      problems.add(where + "." + key + ": must be a number from " + min + " to " + max + ", got " + v);
      return fallback;
    }
    return ((Number) v).intValue();
  }

  public JsonObject toJson() {
    JsonObject c = new JsonObject();
    commands.forEach((k, v) -> c.put(k, v.toJson()));
    return new JsonObject().put("expire_seconds", expireSeconds).put("defaults", defaults.toJson()).put("commands", c);
  }
}
