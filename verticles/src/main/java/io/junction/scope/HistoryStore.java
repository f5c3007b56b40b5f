package io.junction.scope;

import io.vertx.core.Future;

import java.util.List;

/**
 * The recent messages of scopes that keep history, with their sequence numbers: in the cluster
 * ({@code HazelcastHistory} in the hub, a ring buffer per scope) or on one node ({@link LocalHistory}).
 */
public interface HistoryStore {

  /** {@code after} for "from the oldest message kept", never {@code history_gone}. */
  long OLDEST = Long.MIN_VALUE;

  /** Keeps {@code entry} (its JSON text) in {@code scope}'s history; the future has its sequence number. */
  Future<Long> append(String scope, ScopeRule rule, String entry);

  /**
   * The entries after sequence number {@code after} ({@link #OLDEST}: from the oldest kept; -1: from the very
   * first), at most {@code limit}. Fails with {@code history_gone} when entries after {@code after} are no longer
   * kept (too old, or the history restarted).
   */
  Future<Page> read(String scope, ScopeRule rule, long after, int limit);

  /** The last sequence number {@code scope} has given (-1: none yet). */
  Future<Long> last(String scope, ScopeRule rule);

  /** Entries with their sequence numbers, and the last sequence number the scope has given (-1: none yet). */
  final class Page {
    public final List<Long> seqs;
    public final List<String> entries;
    public final long last;

    public Page(List<Long> seqs, List<String> entries, long last) {
      this.seqs = seqs;
      this.entries = entries;
      this.last = last;
    }
  }
}
