package io.junction.scope;

import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** History for a standalone node: a bounded queue per scope in memory. Thread-safe. */
public final class LocalHistory implements HistoryStore {

  private static final class Ring {
    final ArrayDeque<long[]> times = new ArrayDeque<>();   // {seq, time}
    final ArrayDeque<String> entries = new ArrayDeque<>();
    long next;

    void trim(ScopeRule rule, long now) {
      long oldest = now - rule.historyMaxAgeSeconds() * 1000L;
      while (!times.isEmpty() && (times.size() > rule.historySize() || times.peek()[1] < oldest)) {
        times.poll();
        entries.poll();
      }
    }

    long head() {
      return times.isEmpty() ? next : times.peek()[0];
    }
  }

  private final Map<String, Ring> rings = new HashMap<>();

  @Override
  public synchronized Future<Long> append(String scope, ScopeRule rule, String entry) {
    Ring r = rings.computeIfAbsent(scope, s -> new Ring());
    long seq = r.next++;
    r.times.add(new long[] {seq, System.currentTimeMillis()});
    r.entries.add(entry);
    r.trim(rule, System.currentTimeMillis());
    return Future.succeededFuture(seq);
  }

  @Override
  public synchronized Future<Page> read(String scope, ScopeRule rule, long after, int limit) {
    Ring r = rings.computeIfAbsent(scope, s -> new Ring());
    r.trim(rule, System.currentTimeMillis());
    long last = r.next - 1;
    if (after != OLDEST && (after > last || after + 1 < r.head())) {
      return Future.failedFuture(Histories.gone(scope, after, r.head(), last));
    }
    List<Long> seqs = new ArrayList<>();
    List<String> out = new ArrayList<>();
    java.util.Iterator<long[]> t = r.times.iterator();
    java.util.Iterator<String> e = r.entries.iterator();
    while (t.hasNext() && out.size() < limit) {
      long seq = t.next()[0];
      String entry = e.next();
      if (seq > after) {
        seqs.add(seq);
        out.add(entry);
      }
    }
    return Future.succeededFuture(new Page(seqs, out, last));
  }

  @Override
  public synchronized Future<Long> last(String scope, ScopeRule rule) {
    Ring r = rings.get(scope);
    return Future.succeededFuture(r == null ? -1L : r.next - 1);
  }
}
