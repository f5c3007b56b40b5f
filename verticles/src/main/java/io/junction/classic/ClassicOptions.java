package io.junction.classic;

import io.junction.bridge.EndpointOptions;
import io.junction.bridge.Problems;
import io.vertx.core.json.JsonObject;

/**
 * The classic token-server listener (config section {@code classic}): {@code enabled} (default false),
 * {@code host}, {@code port} (7100). Plain TCP only, as the protocol always was.
 */
public final class ClassicOptions extends EndpointOptions {

  public static final int DEFAULT_PORT = 7100;

  public ClassicOptions() {
    super("classic", DEFAULT_PORT, 1, 0);
    setEnabled(false);
  }

  public ClassicOptions(JsonObject json, Problems problems) {
    this();
    if (json != null) {
      read(json, problems);
    }
  }

  @Override
  public JsonObject toJson() {
    JsonObject j = super.toJson();
    j.remove("tls");
    j.remove("instances");
    return j;
  }
}
