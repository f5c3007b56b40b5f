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
  /**
   * One instance: vertx-web shares a SockJS polling session between event loops without safe publication (a write
   * can wait for the next poll, up to the 25 s heartbeat). With more instances, SockJS runs over WebSocket only.
   */
  public static final int DEFAULT_HTTP_INSTANCES = 1;
  public static final int DEFAULT_SSE_HEARTBEAT_SECONDS = 15;

  private int sseHeartbeatSeconds = DEFAULT_SSE_HEARTBEAT_SECONDS;

  public HttpOptions() {
    super("http", DEFAULT_PORT, DEFAULT_HTTP_INSTANCES);
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

  /** Whether SockJS may use its polling and streaming transports (only with a single instance, see above). */
  public boolean sockJsPolling() {
    return effectiveInstances() == 1;
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
