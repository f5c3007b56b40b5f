package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A job the hub offered to this client's {@link JobWorker}. Thread-safe. */
public interface JobTask {

  String token();

  String command();

  /** The arguments it was submitted with ({@code {}} when none). */
  JsonNode args();

  /** Reports progress (any value Jackson writes; an object like {@code {"percent": 40}} is usual). */
  void progress(Object progress);

  /** True once the hub cancelled the job or it timed out (or the connection was lost): stop. */
  boolean cancelled();
}
