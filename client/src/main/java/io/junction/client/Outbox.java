package io.junction.client;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames on their way to the hub, and the one writer thread that writes them. Control frames (registrations,
 * pings) go to the current connection only; user frames (publish, send, requests, replies) wait while the client
 * is disconnected, up to {@code reconnectBufferBytes}, and go out once the connection is open again and the
 * subscriptions are back. The writer takes everything queued at once and writes it with one flush, so frames
 * batch by themselves under load. Thread-safe.
 */
final class Outbox {

  private static final int MAX_BATCH_BYTES = 256 * 1024;

  private final JunctionClient client;
  private final long writeLimit;
  private final long bufferLimit;
  private final ArrayDeque<byte[]> control = new ArrayDeque<>();
  private final ArrayDeque<Object> user = new ArrayDeque<>();
  private long userBytes;
  private Link link;
  private boolean open;
  private boolean writing;
  private boolean writerWaiting;
  private int blockedCallers;
  private boolean closed;

  Outbox(JunctionClient client, Options options) {
    this.client = client;
    this.writeLimit = options.writeBufferBytes();
    this.bufferLimit = options.reconnectBufferBytes();
    Thread writer = new Thread(this::run, "junction-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** A user frame that is tied to a pending call: the call learns which connection carried it. */
  static final class Tracked {
    final byte[] frame;
    final Pending.Call call;

    Tracked(byte[] frame, Pending.Call call) {
      this.frame = frame;
      this.call = call;
    }
  }

  synchronized void attach(Link l) {
    link = l;
    open = false;
    control.clear();
    notifyAll();
  }

  /** User frames may go out on the current connection (after the subscriptions are back). */
  synchronized void open(Link l) {
    if (link == l) {
      open = true;
      notifyAll();
    }
  }

  synchronized void detach(Link l) {
    if (link == l) {
      link = null;
      open = false;
      control.clear();
      notifyAll();
    }
  }

  /** Queues a control frame for {@code l}; dropped when {@code l} is no longer the connection. */
  synchronized boolean control(Link l, byte[] frame) {
    if (l == null || link != l || closed) {
      return false;
    }
    control.add(frame);
    notifyAll();
    return true;
  }

  /**
   * Queues a user frame. Connected: blocks while more than {@code writeBufferBytes} wait. Disconnected: fails
   * with {@code buffer_full} past {@code reconnectBufferBytes}.
   */
  synchronized void user(byte[] frame, Pending.Call call) {
    while (!closed && link != null && open && userBytes > writeLimit) {
      blockedCallers++;
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JunctionException(ErrorId.CLIENT_CLOSED, "interrupted while the write buffer was full");
      } finally {
        blockedCallers--;
      }
    }
    if (closed) {
      throw new JunctionException(ErrorId.CLIENT_CLOSED, "the client is closed");
    }
    if (!(link != null && open) && userBytes + frame.length > bufferLimit) {
      throw new JunctionException(ErrorId.BUFFER_FULL, "disconnected, and " + userBytes
        + " bytes already wait to be sent (reconnectBufferBytes " + bufferLimit + ")");
    }
    user.add(call == null ? frame : new Tracked(frame, call));
    userBytes += frame.length;
    if (writerWaiting) {
      // a busy writer takes this frame with its next batch: waking it for every frame would cost a system call each
      notifyAll();
    }
  }

  /** Waits up to {@code ms} until every queued frame is written (or the connection is gone). */
  synchronized void drain(long ms) {
    long deadline = System.currentTimeMillis() + ms;
    while ((writing || !control.isEmpty() || (open && !user.isEmpty())) && link != null) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  synchronized void close() {
    closed = true;
    notifyAll();
  }

  private void run() {
    List<byte[]> batch = new ArrayList<>();
    while (true) {
      Link l = take(batch);
      if (l == null) {
        return;
      }
      try {
        for (byte[] f : batch) {
          l.out.write(f);
        }
        l.out.flush();
      } catch (IOException e) {
        client.linkLost(l, "write failed: " + e.getMessage());
      } finally {
        batch.clear();
        synchronized (this) {
          writing = false;
          notifyAll();
        }
      }
    }
  }

  /** Waits for something to write; moves it into {@code batch}; returns the connection, or null when closed. */
  private synchronized Link take(List<byte[]> batch) {
    while (!closed && (link == null || (control.isEmpty() && (!open || user.isEmpty())))) {
      writerWaiting = true;
      try {
        wait();
      } catch (InterruptedException e) {
        return null;
      } finally {
        writerWaiting = false;
      }
    }
    if (closed) {
      return null;
    }
    batch.addAll(control);
    control.clear();
    int bytes = 0;
    while (open && !user.isEmpty() && bytes < MAX_BATCH_BYTES) {
      Object o = user.poll();
      byte[] f = o instanceof Tracked ? ((Tracked) o).frame : (byte[]) o;
      if (o instanceof Tracked) {
        ((Tracked) o).call.sentOn = link;
      }
      batch.add(f);
      bytes += f.length;
      userBytes -= f.length;
    }
    writing = true;
    if (blockedCallers > 0) {
      notifyAll();
    }
    return link;
  }
}
