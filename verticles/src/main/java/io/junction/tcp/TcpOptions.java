package io.junction.tcp;

import io.junction.bridge.EndpointOptions;
import io.junction.bridge.Problems;
import io.vertx.core.json.JsonObject;

/** The TCP endpoint (config section {@code tcp}): {@code enabled}, {@code host}, {@code port}, {@code instances}. */
public final class TcpOptions extends EndpointOptions {

  public static final int DEFAULT_PORT = 7000;

  public TcpOptions() {
    super("tcp", DEFAULT_PORT, DEFAULT_INSTANCES);
  }

  public TcpOptions(JsonObject json, Problems problems) {
    this();
    read(json, problems);
  }
}
