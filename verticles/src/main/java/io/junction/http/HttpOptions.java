package io.junction.http;

import io.junction.bridge.EndpointOptions;
import io.junction.bridge.Problems;
import io.vertx.core.json.JsonObject;

/**
 * The HTTP endpoint (config section {@code http}): the HTTP API, Server-Sent Events, SockJS and WebSocket at
 * {@code /eventbus}, health and the console. Keys: {@code enabled}, {@code host}, {@code port},
 * {@code instances}, {@code sse_heartbeat_seconds}.
 */
public final class HttpOptions extends EndpointOptions {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_SSE_HEARTBEAT_SECONDS = 15;

  private int sseHeartbeatSeconds = DEFAULT_SSE_HEARTBEAT_SECONDS;

  public HttpOptions() {
    super("http", DEFAULT_PORT);
  }

  public HttpOptions(JsonObject json, Problems problems) {
    this();
    read(json, problems);
    if (json.containsKey("sse_heartbeat_seconds")) {
      problems.check("http.sse_heartbeat_seconds", () -> setSseHeartbeatSeconds(json.getInteger("sse_heartbeat_seconds")));
    }
  }

  @Override
  public JsonObject toJson() {
    return super.toJson().put("sse_heartbeat_seconds", sseHeartbeatSeconds);
  }

  /** Seconds between heartbeat comments on a Server-Sent Events stream. */
  public int sseHeartbeatSeconds() {
    return sseHeartbeatSeconds;
  }

  public HttpOptions setSseHeartbeatSeconds(int seconds) {
    if (seconds < 1 || seconds > 3600) {
      throw new IllegalArgumentException("must be between 1 and 3600, got " + seconds);
    }
    sseHeartbeatSeconds = seconds;
    return this;
  }
}
