package io.junction.bridge;

import io.vertx.core.json.JsonObject;

/**
 * What every listening endpoint has (config keys {@code enabled}, {@code host}, {@code port}, {@code instances}
 * under the endpoint's section). Setters reject bad values.
 */
public class EndpointOptions {

  public static final boolean DEFAULT_ENABLED = true;
  public static final String DEFAULT_HOST = "0.0.0.0";
  /** 0: one instance (event loop) per CPU core. */
  public static final int DEFAULT_INSTANCES = 0;

  private final String section;
  private boolean enabled = DEFAULT_ENABLED;
  private String host = DEFAULT_HOST;
  private int port;
  private int instances = DEFAULT_INSTANCES;

  protected EndpointOptions(String section, int defaultPort, int defaultInstances) {
    this.section = section;
    this.port = defaultPort;
    this.instances = defaultInstances;
  }

  /** Reads the keys present in {@code json}; rejected values go to {@code problems} as {@code section.key: why}. */
  protected void read(JsonObject json, Problems problems) {
    if (json.containsKey("enabled")) {
      problems.check(section + ".enabled", () -> setEnabled(json.getBoolean("enabled")));
    }
    if (json.containsKey("host")) {
      problems.check(section + ".host", () -> setHost(json.getString("host")));
    }
    if (json.containsKey("port")) {
      problems.check(section + ".port", () -> setPort(json.getInteger("port")));
    }
    if (json.containsKey("instances")) {
      problems.check(section + ".instances", () -> setInstances(json.getInteger("instances")));
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("enabled", enabled).put("host", host).put("port", port).put("instances", instances);
  }

  public boolean enabled() {
    return enabled;
  }

  public EndpointOptions setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  public String host() {
    return host;
  }

  public EndpointOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("must be a host name or IP address");
    }
    this.host = host;
    return this;
  }

  public int port() {
    return port;
  }

  public EndpointOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("must be a port between 0 (any free port) and 65535, got " + port);
    }
    this.port = port;
    return this;
  }

  public int instances() {
    return instances;
  }

  public EndpointOptions setInstances(int instances) {
    if (instances < 0 || instances > 256) {
      throw new IllegalArgumentException("must be between 0 (one per core) and 256, got " + instances);
    }
    this.instances = instances;
    return this;
  }

  /** The start failure of an endpoint that cannot listen, naming it and its address. */
  public IllegalStateException cannotListen(String endpoint, Throwable cause) {
    return new IllegalStateException("the " + endpoint + " endpoint cannot listen on " + host + ":" + port + ": "
      + cause.getMessage(), cause);
  }

  /** The number of verticle instances to deploy. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }
}
