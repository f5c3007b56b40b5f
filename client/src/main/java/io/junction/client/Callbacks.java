package io.junction.client;

import java.net.URI;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where the application's code runs: handlers, listeners and request futures all go through {@link #run} onto
 * {@code Options.executor}, or the client's own dispatcher thread. A handler that throws is reported to the
 * error listener and does not stop the others. Thread-safe.
 */
final class Callbacks {

  /** Callbacks waiting for the default dispatcher thread, at most; past it the caller (the reader) waits. */
  static final int DISPATCH_QUEUE = 10_000;

  private final Options options;
  private final Executor executor;
  private final ExecutorService own;

  Callbacks(Options options) {
    this.options = options;
    this.own = options.executor() == null ? dispatcher() : null;
    this.executor = options.executor() != null ? options.executor() : own;
  }

  /**
   * One thread with a bounded queue: when handlers fall behind, the connection's reader waits for room instead of
   * queueing without end, so the socket stops being read and the hub's slow-consumer policy takes over.
   */
  private static ExecutorService dispatcher() {
    BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(DISPATCH_QUEUE);
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue, daemon("junction-dispatch"), (task, pool) -> {
      if (pool.isShutdown()) {
        throw new RejectedExecutionException("closed");
      }
      try {
        queue.put(task);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RejectedExecutionException("interrupted", e);
      }
    });
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  void run(Runnable task) {
    try {
      executor.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          ErrorListener listener = options.errorListener();
          if (listener != null) {
            listener.onError(new JunctionException(ErrorId.INTERNAL_ERROR, "a handler threw " + e, -1, e));
          }
        }
      });
    } catch (RejectedExecutionException closed) {
      // the client is closed; nothing more is delivered
    }
  }

  void event(ConnectionEvent.Type type, URI server, String scope, String reason) {
    ConnectionListener listener = options.connectionListener();
    if (listener != null) {
      ConnectionEvent event = new ConnectionEvent(type, server == null ? null : server.toString(), scope, reason);
      run(() -> listener.onEvent(event));
    }
  }

  void error(JunctionException e) {
    ErrorListener listener = options.errorListener();
    if (listener != null) {
      run(() -> listener.onError(e));
    }
  }

  /** A future that completes like {@code f}, on the executor. */
  <T> CompletableFuture<T> onExecutor(CompletableFuture<T> f) {
    CompletableFuture<T> out = new CompletableFuture<>();
    f.whenComplete((v, e) -> run(() -> {
      if (e != null) {
        out.completeExceptionally(e);
      } else {
        out.complete(v);
      }
    }));
    return out;
  }

  /** After the last event: lets queued callbacks finish, then stops the own dispatcher thread. */
  void shutdown() {
    if (own != null) {
      own.shutdown();
    }
  }
}
