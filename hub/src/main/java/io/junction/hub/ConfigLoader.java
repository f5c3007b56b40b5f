package io.junction.hub;

import io.junction.bridge.Problems;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the node's configuration from, lowest precedence first: the built-in defaults ({@code conf/hub.json}
 * in the jar), the {@code --conf} file, environment variables ({@code JUNCTION_TCP_PORT}), system properties
 * ({@code junction.tcp.port}) and flags. The defaults define every key and its type: an unknown key or a value
 * of the wrong type is a problem, reported one line each. Unknown {@code JUNCTION_*} environment variables are
 * only warned about (platforms such as Kubernetes set variables of that shape on their own).
 */
final class ConfigLoader {

  static final String DEFAULTS_RESOURCE = "conf/hub.json";
  /** Objects whose keys the user chooses (role names, scope patterns): set whole, never checked key by key. */
  static final java.util.Set<String> FREE_FORM = java.util.Set.of("access.roles", "scopes.rules", "jobs.commands");

  final Problems problems = new Problems();
  final List<String> warnings = new ArrayList<>();
  private final JsonObject defaults = defaults();
  private final List<String> keys = new ArrayList<>();

  ConfigLoader() {
    collectKeys(defaults, "");
  }

  /** The built-in configuration, as packaged. */
  static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
    }
  }

  static String defaultsText() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
    }
  }

  /** Every key path of the configuration (leaves: values and arrays), in file order. */
  List<String> keys() {
    return List.copyOf(keys);
  }

  /** The environment variable of a key path: {@code tcp.port} is {@code JUNCTION_TCP_PORT}. */
  static String envName(String key) {
    return "JUNCTION_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** The system property of a key path: {@code tcp.port} is {@code junction.tcp.port}. */
  static String propertyName(String key) {
    return "junction." + key;
  }

  private void collectKeys(JsonObject json, String prefix) {
    for (Map.Entry<String, Object> e : json) {
      String path = prefix + e.getKey();
      if (e.getValue() instanceof JsonObject && !FREE_FORM.contains(path)) {
        collectKeys((JsonObject) e.getValue(), path + ".");
      } else {
        keys.add(path);
      }
    }
  }

  /** Merges every source; read {@link #problems} before using the result. */
  JsonObject load(String confFile, Map<String, String> env, Properties props, Map<String, String> flags) {
    JsonObject config = defaults.copy();
    if (confFile != null) {
      JsonObject file = readFile(confFile);
      if (file != null) {
        mergeFile(file, config, defaults, "", confFile);
      }
    }
    for (String key : keys) {
      String v = env.get(envName(key));
      if (v != null) {
        set(config, key, v, envName(key));
      }
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith("JUNCTION_") && !keys.stream().map(ConfigLoader::envName).anyMatch(e.getKey()::equals)) {
        warnings.add("ignoring environment variable " + e.getKey() + ": no configuration key has that name");
      }
    }
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith("junction.")) {
        String key = name.substring("junction.".length());
        if (keys.contains(key)) {
          set(config, key, props.getProperty(name), "-D" + name);
        } else {
          problems.add("-D" + name + ": unknown configuration key \"" + key + "\"" + suggestion(key));
        }
      }
    }
    flags.forEach((key, v) -> set(config, key, v, flagOf(key)));
    return config;
  }

  private static String flagOf(String key) {
    switch (key) {
      case "cluster.enabled": return "--standalone";
      case "node.data_dir": return "--data-dir";
      case "cluster.config": return "--cluster-config";
      default: return "--" + key.replace('.', '-').replace('_', '-');
    }
  }

  private JsonObject readFile(String path) {
    try {
      return new JsonObject(Files.readString(Path.of(path)));
    } catch (NoSuchFileException e) {
      problems.add("--conf " + path + ": no such file");
    } catch (IOException e) {
      problems.add("--conf " + path + ": cannot read: " + e.getMessage());
    } catch (DecodeException e) {
      problems.add("--conf " + path + ": not a JSON object: " + e.getMessage());
    }
    return null;
  }

  private void mergeFile(JsonObject file, JsonObject into, JsonObject defs, String prefix, String source) {
    for (Map.Entry<String, Object> e : file) {
      String path = prefix + e.getKey();
      Object def = defs.getValue(e.getKey());
      if (def == null) {
        problems.add(source + ": unknown key \"" + path + "\"" + suggestion(path));
      } else if (def instanceof JsonObject && !FREE_FORM.contains(path)) {
        if (e.getValue() instanceof JsonObject) {
          mergeFile((JsonObject) e.getValue(), into.getJsonObject(e.getKey()), (JsonObject) def, path + ".", source);
        } else {
          problems.add(source + ": " + path + " must be an object");
        }
      } else if (sameType(def, e.getValue())) {
        into.put(e.getKey(), e.getValue());
      } else {
        problems.add(source + ": " + path + " must be " + typeName(def) + ", got " + describe(e.getValue()));
      }
    }
  }

  /** Sets a key from text (environment, property, flag), converted to the default's type. */
  private void set(JsonObject config, String key, String text, String source) {
    Object def = valueAt(defaults, key);
    Object value = convert(def, text.trim());
    if (value == null) {
      problems.add(source + ": " + key + " must be " + typeName(def) + ", got \"" + text + "\"");
      return;
    }
    String[] parts = key.split("\\.");
    JsonObject parent = config;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.getJsonObject(parts[i]);
    }
    parent.put(parts[parts.length - 1], value);
  }

  private static Object valueAt(JsonObject json, String key) {
    Object v = json;
    for (String part : key.split("\\.")) {
      v = ((JsonObject) v).getValue(part);
    }
    return v;
  }

  private static Object convert(Object def, String text) {
    try {
      if (def instanceof Integer) {
        return Integer.parseInt(text);
      }
      if (def instanceof Boolean) {
        return text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
      }
      if (def instanceof JsonArray) {
        return new JsonArray(text);
      }
      if (def instanceof JsonObject) {
        return new JsonObject(text);
      }
      return text;
    } catch (NumberFormatException | DecodeException e) {
      return null;
    }
  }

  private static boolean sameType(Object def, Object v) {
    if (def instanceof Integer) {
      return v instanceof Integer;
    }
    return v != null && def.getClass() == v.getClass();
  }

  private static String typeName(Object def) {
    if (def instanceof Integer) {
      return "an integer";
    }
    if (def instanceof Boolean) {
      return "true or false";
    }
    if (def instanceof JsonArray) {
      return "a JSON array";
    }
    if (def instanceof JsonObject) {
      return "a JSON object";
    }
    return "a string";
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    String text = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    String type = v instanceof String ? "string" : v instanceof Number ? "number" : v instanceof Boolean ? "boolean"
      : v instanceof JsonArray ? "array" : "object";
    return type + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  /** " (did you mean X?)" for the known key closest to {@code key}, when it is close. */
  private String suggestion(String key) {
    String best = null;
    int bestDistance = 3;
    for (String k : keys) {
      int d = distance(k, key);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean \"" + best + "\"?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
