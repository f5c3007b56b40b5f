package io.junction.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * A subscriber of the slow-consumer cases on its own thread: reads as fast as it can, or stops reading for a while
 * at a given time and then reads on, or does not read at all until told to drain. Counts messages and remembers
 * when the last one came and whether the server closed the connection.
 */
final class StallReader {

  final BusClient client;
  private final long expected;
  private final long pauseAt;
  private final long pauseMs;
  private volatile long count;
  private volatile long lastAt;
  private volatile boolean closed;
  private volatile boolean stopping;
  private Thread thread;

  /** {@code pauseMs}: 0 reads throughout, &gt; 0 pauses that long at {@code pauseAt} (nanoTime), &lt; 0 never reads. */
  StallReader(BusClient client, long expected, long pauseAt, long pauseMs) {
    this.client = client;
    this.expected = expected;
    this.pauseAt = pauseAt;
    this.pauseMs = pauseMs;
  }

  /** Starts reading (a never-reading subscriber starts only with {@link #drain()}). */
  void start() {
    if (pauseMs >= 0) {
      begin();
    }
  }

  /** Starts a never-reading subscriber reading what the server still sends it. */
  void drain() {
    if (thread == null) {
      begin();
    }
  }

  private void begin() {
    thread = PubSubRun.daemon("stall reader", this::loop);
    thread.start();
  }

  private void loop() {
    boolean paused = pauseMs <= 0;
    long n = 0;
    try {
      while (n < expected) {
        if (!paused && System.nanoTime() >= pauseAt) {
          LockSupport.parkNanos(pauseMs * 1_000_000L);
          paused = true;
        }
        int k = client.read();
        if (k < 0) {
          closed = true;
          break;
        }
        if (k > 0) {
          n += k;
          count = n;
          lastAt = System.nanoTime();
        }
      }
    } catch (Exception e) {
      closed = !stopping;
    }
  }

  long count() {
    return count;
  }

  long lastAt() {
    return lastAt;
  }

  boolean closed() {
    return closed;
  }

  boolean done() {
    return count >= expected || closed;
  }

  void stop() throws InterruptedException {
    stopping = true;
    client.close();
    if (thread != null) {
      thread.join(2000);
    }
  }
}
