package io.junction.tcp;

import io.junction.bridge.EndpointOptions;
import io.junction.bridge.Problems;
import io.vertx.core.json.JsonObject;

/** The TCP endpoint (config section {@code tcp}): {@code enabled}, {@code host}, {@code port}, {@code instances}, {@code tls}. */
public final class TcpOptions extends EndpointOptions {

  public static final int DEFAULT_PORT = 7000;
  public static final int DEFAULT_TLS_PORT = 7443;

  public TcpOptions() {
    super("tcp", DEFAULT_PORT, DEFAULT_INSTANCES, DEFAULT_TLS_PORT);
  }

  public TcpOptions(JsonObject json, Problems problems) {
    this();
    read(json, problems);
  }
}
