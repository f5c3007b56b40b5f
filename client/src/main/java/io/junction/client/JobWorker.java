package io.junction.client;

/**
 * Runs jobs the hub offers this client ({@link JunctionClient#work}). Called on a thread of the worker's own
 * (one per job it runs at once), never on the client's dispatcher, so it may block for as long as the job takes.
 */
@FunctionalInterface
public interface JobWorker {

  /**
   * Does the job; the result (anything Jackson writes) is its response. Throwing fails the job with the
   * exception's message as reason.
   */
  Object run(JobTask task) throws Exception;
}
