package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a job stands, as the hub reports it: {@code busy} (with optional progress), {@code success} (with the
 * response) or {@code aborted} (with the reason). A value object.
 */
public final class JobStatus {

  private final JsonNode json;

  JobStatus(JsonNode json) {
    this.json = json;
  }

  public String token() {
    return json.path("token").asText();
  }

  public String command() {
    return json.path("command").asText();
  }

  /** {@code busy}, {@code success} or {@code aborted}. */
  public String status() {
    return json.path("status").asText();
  }

  public boolean finished() {
    return json.path("finished").asBoolean();
  }

  public boolean succeeded() {
    return "success".equals(status());
  }

  /** The last progress report, or {@code null}. */
  public JsonNode progress() {
    return json.get("progress");
  }

  /** The response of a {@code success}, or {@code null}. */
  public JsonNode response() {
    return json.get("response");
  }

  /** Why an {@code aborted} job ended ({@code cancelled}, {@code timeout}, {@code worker_lost}, ...), or {@code null}. */
  public String reason() {
    JsonNode r = json.get("reason");
    return r == null || r.isNull() ? null : r.asText();
  }

  /** The status as the hub sent it. */
  public JsonNode json() {
    return json;
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
