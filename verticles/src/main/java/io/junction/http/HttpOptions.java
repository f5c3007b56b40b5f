package io.junction.http;

import io.junction.bridge.EndpointOptions;
import io.junction.bridge.Problems;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP endpoint (config section {@code http}): the HTTP API, Server-Sent Events, SockJS and WebSocket at
 * {@code /eventbus}, health and the console. Keys: {@code enabled}, {@code host}, {@code port},
 * {@code instances}, {@code tls}, {@code sse_heartbeat_seconds}, {@code allowed_origins}, {@code cors_origins}.
 */
public final class HttpOptions extends EndpointOptions {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_TLS_PORT = 8443;
  /**
   * One instance: vertx-web shares a SockJS polling session between event loops without safe publication (a write
   * can wait for the next poll, up to the 25 s heartbeat). With more instances, SockJS runs over WebSocket only.
   */
  public static final int DEFAULT_HTTP_INSTANCES = 1;
  public static final int DEFAULT_SSE_HEARTBEAT_SECONDS = 15;

  private int sseHeartbeatSeconds = DEFAULT_SSE_HEARTBEAT_SECONDS;
  private List<String> allowedOrigins = List.of();
  private List<String> corsOrigins = List.of();

  public HttpOptions() {
    super("http", DEFAULT_PORT, DEFAULT_HTTP_INSTANCES, DEFAULT_TLS_PORT);
  }

  public HttpOptions(JsonObject json, Problems problems) {
    this();
    read(json, problems);
    if (json.containsKey("sse_heartbeat_seconds")) {
      problems.check("http.sse_heartbeat_seconds", () -> setSseHeartbeatSeconds(json.getInteger("sse_heartbeat_seconds")));
    }
    problems.check("http.allowed_origins", () -> setAllowedOrigins(strings(json.getJsonArray("allowed_origins"), allowedOrigins)));
    problems.check("http.cors_origins", () -> setCorsOrigins(strings(json.getJsonArray("cors_origins"), corsOrigins)));
  }

  private static List<String> strings(JsonArray array, List<String> otherwise) {
    if (array == null) {
      return otherwise;
    }
    List<String> out = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof String)) {
        throw new IllegalArgumentException("must be an array of origins (strings), got " + o);
      }
      out.add((String) o);
    }
    return out;
  }

  @Override
  public JsonObject toJson() {
    return super.toJson().put("sse_heartbeat_seconds", sseHeartbeatSeconds)
      .put("allowed_origins", new JsonArray(allowedOrigins)).put("cors_origins", new JsonArray(corsOrigins));
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

  /** Browser origins, besides the node's own, that may open {@code /eventbus}; {@code "*"}: any. */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  public HttpOptions setAllowedOrigins(List<String> origins) {
    allowedOrigins = Origins.check(origins);
    return this;
  }

  /** Browser origins, besides the node's own, that may call {@code /api/*} (CORS); {@code "*"}: any. */
  public List<String> corsOrigins() {
    return corsOrigins;
  }

  public HttpOptions setCorsOrigins(List<String> origins) {
    corsOrigins = Origins.check(origins);
    return this;
  }
}
