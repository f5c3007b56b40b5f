package io.junction.hub;

import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import io.junction.scope.Histories;
import io.junction.scope.HistoryStore;
import io.junction.scope.ScopeRule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * History for the whole cluster: a Hazelcast ring buffer per scope ({@code hub.scope.history.NAME}, one backup),
 * sized by the scope's rule; its sequence numbers are the messages' {@code seq}. Appends of one event-loop turn go
 * in one batch ({@link RingAppends}). Kept messages outlive the node that took them, not the whole cluster.
 */
final class HazelcastHistory implements HistoryStore {

  static final String PREFIX = "hub.scope.history.";

  private final Vertx vertx;
  private final HazelcastInstance hz;
  private final Set<String> configured = ConcurrentHashMap.newKeySet();

  HazelcastHistory(Vertx vertx, HazelcastInstance hz) {
    this.vertx = vertx;
    this.hz = hz;
  }

  private Ringbuffer<String> ring(String scope, ScopeRule rule) {
    String name = PREFIX + scope;
    if (configured.add(name)) {
      hz.getConfig().addRingBufferConfig(new RingbufferConfig(name).setCapacity(rule.historySize())
        .setTimeToLiveSeconds(rule.historyMaxAgeSeconds()).setBackupCount(1));
    }
    return hz.getRingbuffer(name);
  }

  @Override
  public Future<Long> append(String scope, ScopeRule rule, String entry) {
    return RingAppends.append(ring(scope, rule), entry);
  }

  @Override
  public Future<Page> read(String scope, ScopeRule rule, long after, int limit) {
    return vertx.executeBlocking(() -> {
      Ringbuffer<String> rb = ring(scope, rule);
      long head = rb.headSequence();
      long last = rb.tailSequence();
      if (after != OLDEST && (after > last || after + 1 < head)) {
        throw Histories.gone(scope, after, head, last);
      }
      long from = Math.max(after + 1, head);
      List<Long> seqs = new ArrayList<>();
      List<String> entries = new ArrayList<>();
      if (from <= last) {
        ReadResultSet<String> rs = rb.readManyAsync(from, 0, Math.min(limit, rule.historySize()), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        long oldest = System.currentTimeMillis() - rule.historyMaxAgeSeconds() * 1000L;
        for (int i = 0; i < rs.size(); i++) {
          String e = rs.get(i);
          if (new JsonObject(e).getLong("time") < oldest) {
            if (after != OLDEST && seqs.isEmpty() && rs.getSequence(i) == after + 1) {
              throw Histories.gone(scope, after, rs.getSequence(i) + 1, last);
            }
            continue;
          }
          seqs.add(rs.getSequence(i));
          entries.add(e);
        }
      }
      return new Page(seqs, entries, last);
    }, false);
  }

  @Override
  public Future<Long> last(String scope, ScopeRule rule) {
    return vertx.executeBlocking(() -> ring(scope, rule).tailSequence(), false);
  }
}
