package io.junction.job;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where a cluster keeps one entry per job token, readable from every node and surviving the death of any one:
 * the job's state and its home (the node that runs or ran it). Entries are flat JSON objects (the job's JSON values
 * as text), so two copies of one entry compare equal as text. An entry with {@code "confirmed": true} is a
 * tombstone: the job was confirmed while its home was away, and the home must forget it when it comes back.
 * Writes of one token are applied in the order they are made.
 */
public interface JobDirectory {

  /** This node's id in the cluster: requests for jobs whose home it is reach it there. */
  String nodeId();

  /** Whether {@code nodeId} is a member of the cluster now. */
  boolean isMember(String nodeId);

  /** Whether this node is the oldest member: it adopts the busy jobs of members that left. */
  boolean isOldest();

  /**
   * Puts {@code entry} unless the token has an entry that is not a tombstone; completes with that entry, or
   * {@code null} when the token is now {@code entry}'s.
   */
  Future<JsonObject> claim(String token, JsonObject entry);

  /** Writes {@code entry}; {@code ttlSeconds} &gt; 0: it goes away by itself after that long. */
  Future<Void> put(String token, JsonObject entry, long ttlSeconds);

  Future<Void> remove(String token);

  /** The entry of {@code token}, or {@code null}. */
  Future<JsonObject> get(String token);

  /** The entries of those of {@code tokens} that have one. */
  Future<Map<String, JsonObject>> getAll(Collection<String> tokens);

  /** Replaces {@code expected} by {@code entry} unless the entry changed meanwhile; whether it did. */
  Future<Boolean> replace(String token, JsonObject expected, JsonObject entry, long ttlSeconds);

  /**
   * The cluster's epoch: a random id made by the first node that asks after the directory was empty, so it changes
   * exactly when every node stopped and the directory was lost. A node that finds the epoch it last ran in knows
   * the directory still has every job of that time: a job of its store missing there was settled elsewhere.
   */
  Future<String> epoch();

  /** The entries of busy jobs whose node is no longer a member. */
  Future<List<JsonObject>> orphans();
}
