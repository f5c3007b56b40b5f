package io.junction.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.client.JobStatus;
import io.junction.client.JobTask;

/**
 * How the job commands print: a job's status, a confirm, and what a worker did with a job. One line each, as text
 * or, with {@code --json}, as one JSON object.
 */
final class JobLines {

  static final String DONE = "done";
  static final String FAILED = "failed";
  static final String CANCELLED = "cancelled";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JobLines() {
  }

  /**
   * {@code TOKEN busy [PROGRESS]}, {@code TOKEN success RESPONSE} or {@code TOKEN aborted REASON}; or the status
   * as the hub sent it ({@code {"token","command","status","finished","progress"?,"response"?,"reason"?}}).
   */
  static String status(JobStatus s, boolean json) {
    if (json) {
      return s.json().toString();
    }
    switch (s.status()) {
      case "success":
        return s.token() + " success " + s.response();
      case "aborted":
        return s.token() + " aborted " + s.reason();
      default:
        JsonNode progress = s.progress();
        return s.token() + " " + s.status() + (progress == null || progress.isNull() ? "" : " " + progress);
    }
  }

  /** {@code TOKEN confirmed}, or the hub's answer {@code {"token","confirmed":true}}. */
  static String confirmed(String token, boolean json) {
    return json ? "{\"token\":" + Main.quote(token) + ",\"confirmed\":true}" : token + " confirmed";
  }

  /**
   * What a worker did with a job: {@code TOKEN COMMAND done}, {@code TOKEN COMMAND failed REASON} or
   * {@code TOKEN COMMAND cancelled}; or {@code {"token","command","outcome","response"|"reason"}}.
   *
   * @param detail the response when done, the reason when failed
   */
  static String handled(JobTask task, String outcome, Object detail, boolean json) {
    if (!json) {
      return task.token() + " " + task.command() + " " + outcome + (outcome.equals(FAILED) ? " " + detail : "");
    }
    ObjectNode o = MAPPER.createObjectNode().put("token", task.token()).put("command", task.command())
      .put("outcome", outcome);
    if (outcome.equals(DONE)) {
      o.set("response", MAPPER.valueToTree(detail));
    } else if (outcome.equals(FAILED)) {
      o.put("reason", String.valueOf(detail));
    }
    return o.toString();
  }
}
