package io.junction.bridge;

import io.vertx.core.json.JsonObject;

/**
 * What every listening endpoint has (config keys {@code enabled}, {@code host}, {@code port}, {@code instances}
 * and {@code tls} under the endpoint's section): {@code enabled} and {@code port} are the plain listener,
 * {@code tls} a TLS listener on a port of its own. Setters reject bad values.
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
  private final TlsOptions tls;

  protected EndpointOptions(String section, int defaultPort, int defaultInstances, int defaultTlsPort) {
    this.section = section;
    this.port = defaultPort;
    this.instances = defaultInstances;
    this.tls = new TlsOptions(section + ".tls", defaultTlsPort);
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
    Object t = json.getValue("tls");
    if (t instanceof JsonObject) {
      tls.read((JsonObject) t, problems);
    } else if (t != null) {
      problems.add(section + ".tls: must be an object");
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("enabled", enabled).put("host", host).put("port", port).put("instances", instances)
      .put("tls", tls.toJson());
  }

  /** The endpoint's TLS listener (off by default). */
  public TlsOptions tls() {
    return tls;
  }

  /** Whether the endpoint listens at all, in plain or TLS. */
  public boolean listens() {
    return enabled || tls.enabled();
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
    this.port = checkPort(port);
    return this;
  }

  /** @throws IllegalArgumentException unless {@code port} is 0 (any free port) to 65535 */
  static int checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("must be a port between 0 (any free port) and 65535, got " + port);
    }
    return port;
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
  public IllegalStateException cannotListen(String endpoint, int port, Throwable cause) {
    return new IllegalStateException("the " + endpoint + " endpoint cannot listen on " + host + ":" + port + ": "
      + cause.getMessage(), cause);
  }

  /** The number of verticle instances to deploy. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }
}
