package io.junction.hub;

import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.Ringbuffer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends to the scopes' ring buffers, batched: what one event loop appends to one ring in one turn goes to the
 * data grid as one {@code addAllAsync}, whose entries get consecutive sequence numbers (the ring is one partition,
 * and the call is atomic). One round trip per turn instead of one per message; appends of one loop stay in order
 * (its batches are sent in order to the ring's partition). Appends from other threads go one by one.
 */
final class RingAppends {

  private static final ThreadLocal<Map<Ringbuffer<String>, Batch>> BATCHES = ThreadLocal.withInitial(HashMap::new);

  private RingAppends() {
  }

  /** Appends {@code entry} to {@code ring}; the future has its sequence number. */
  static Future<Long> append(Ringbuffer<String> ring, String entry) {
    Context here = Vertx.currentContext();
    if (here == null || !here.isEventLoopContext()) {
      return Future.fromCompletionStage(ring.addAsync(entry, OverflowPolicy.OVERWRITE));
    }
    Map<Ringbuffer<String>, Batch> batches = BATCHES.get();
    Batch b = batches.get(ring);
    if (b == null) {
      b = new Batch();
      batches.put(ring, b);
      Batch started = b;
      here.runOnContext(v -> {
        batches.remove(ring, started);
        started.send(ring);
      });
    }
    Promise<Long> seq = Promise.promise();
    b.entries.add(entry);
    b.promises.add(seq);
    return seq.future();
  }

  private static final class Batch {
    final List<String> entries = new ArrayList<>();
    final List<Promise<Long>> promises = new ArrayList<>();

    void send(Ringbuffer<String> ring) {
      ring.addAllAsync(entries, OverflowPolicy.OVERWRITE).whenComplete((last, err) -> {
        for (int i = 0; i < promises.size(); i++) {
          if (err != null) {
            promises.get(i).fail(err);
          } else {
            promises.get(i).complete(last - (promises.size() - 1 - i));
          }
        }
      });
    }
  }
}
