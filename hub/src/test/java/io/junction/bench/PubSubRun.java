package io.junction.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One pub/sub workload (W1: 1 publisher, 1 subscriber; W2: 1 publisher, 10 subscribers) against one target: every
 * subscriber its own connection and reading thread, a publisher thread writing pre-encoded frames as fast as the
 * server takes them. The clock runs from the first publish until the last subscriber has its last message; the
 * servers' CPU time over the same span. A run that does not finish within its cap (slow servers) counts what arrived
 * by then; one where messages stop arriving is cut short after 3 s. Nothing is left open afterwards.
 */
final class PubSubRun {

  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(3);

  /** Where and how to publish and subscribe: the servers whose CPU counts, the clients, the settle time. */
  record Target(String name, List<ServerProcess> servers, BusClient.Factory publisher, BusClient.Factory subscriber,
                String address, long settleMs) {
  }

  /** What a run measured. */
  record Result(long expected, long delivered, double seconds, long cpuMicros, boolean capped, String failure) {

    boolean complete() {
      return delivered == expected;
    }

    double rate() {
      return seconds > 0 ? delivered / seconds : Double.NaN;
    }

    double cpuPerDelivery() {
      return delivered == 0 ? Double.NaN : (double) cpuMicros / delivered;
    }
  }

  private PubSubRun() {
  }

  /** The JSON body of message {@code n}: about 100 bytes. */
  static byte[] body(int n) {
    return ("{\"n\":" + n + ",\"payload\":\"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123\"}")
      .getBytes(StandardCharsets.UTF_8);
  }

  static Result run(Target t, int subscribers, int messages, double capSeconds) throws Exception {
    List<BusClient> subs = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    BusClient pub = null;
    AtomicLongArray counts = new AtomicLongArray(subscribers);
    long[] doneAt = new long[subscribers];
    CountDownLatch done = new CountDownLatch(subscribers);
    AtomicReference<String> failure = new AtomicReference<>();
    Flags flags = new Flags();
    try {
      for (int i = 0; i < subscribers; i++) {
        BusClient c = t.subscriber().open();
        subs.add(c);
        c.subscribe(t.address());
        c.sync();
      }
      pub = t.publisher().open();
      byte[][] frames = new byte[messages][];
      for (int n = 0; n < messages; n++) {
        frames[n] = pub.publishFrame(t.address(), body(n));
      }
      Thread.sleep(t.settleMs());
      for (int i = 0; i < subscribers; i++) {
        int idx = i;
        BusClient c = subs.get(i);
        threads.add(daemon("sub " + i, () -> {
          long n = 0;
          try {
            while (n < messages) {
              int k = c.read();
              if (k < 0) {
                failure.compareAndSet(null, "a subscriber was closed" + (c.slowConsumer() ? " as a slow consumer" : "")
                  + (c.closeReason() == null ? "" : ": " + c.closeReason()));
                break;
              }
              n += k;
              counts.lazySet(idx, n);
            }
          } catch (Exception e) {
            if (!flags.stopping) {
              failure.compareAndSet(null, "a subscriber failed: " + e);
            }
          }
          counts.set(idx, n);
          doneAt[idx] = System.nanoTime();
          done.countDown();
        }));
      }
      threads.forEach(Thread::start);
      BusClient p = pub;
      Thread publisher = daemon("pub", () -> {
        try {
          for (int n = 0; n < frames.length && !flags.stopping; n++) {
            p.write(frames[n]);
          }
          p.flush();
        } catch (Exception e) {
          if (!flags.stopping) {
            failure.compareAndSet(null, "the publisher failed: " + e);
          }
        }
        flags.published = true;
      });
      long cpu0 = cpu(t);
      long t0 = System.nanoTime();
      publisher.start();
      long capNanos = (long) (capSeconds * 1e9);
      long last = -1;
      long lastChange = t0;
      boolean capped = false;
      while (!done.await(20, TimeUnit.MILLISECONDS)) {
        long now = System.nanoTime();
        long total = sum(counts);
        if (total != last) {
          last = total;
          lastChange = now;
        }
        if (now - t0 > capNanos) {
          capped = true;
          break;
        }
        if (flags.published && now - lastChange > QUIET_NANOS) {
          break;
        }
      }
      long end = System.nanoTime();
      long cpu = cpu(t) - cpu0;
      long delivered = sum(counts);
      if (done.getCount() == 0) {
        end = max(doneAt);
      } else if (!capped) {
        end = lastChange;
      }
      return new Result((long) messages * subscribers, delivered, (end - t0) / 1e9, cpu, capped, failure.get());
    } finally {
      flags.stopping = true;
      if (pub != null) {
        pub.close();
      }
      subs.forEach(BusClient::close);
      for (Thread th : threads) {
        th.join(2000);
      }
    }
  }

  /** Waits (up to 10 s) until the servers are idle again, after a run that left work queued in them. */
  static void settle(List<ServerProcess> servers) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      long c0 = servers.stream().mapToLong(ServerProcess::cpuMicros).sum();
      Thread.sleep(200);
      if (servers.stream().mapToLong(ServerProcess::cpuMicros).sum() - c0 <= 20_000) {
        return;
      }
    }
  }

  private static final class Flags {
    volatile boolean stopping;
    volatile boolean published;
  }

  private static long cpu(Target t) {
    return t.servers().stream().mapToLong(ServerProcess::cpuMicros).sum();
  }

  private static long sum(AtomicLongArray a) {
    long s = 0;
    for (int i = 0; i < a.length(); i++) {
      s += a.get(i);
    }
    return s;
  }

  private static long max(long[] a) {
    long m = Long.MIN_VALUE;
    for (long v : a) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** A daemon thread, not started yet. */
  static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
