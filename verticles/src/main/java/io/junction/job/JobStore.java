package io.junction.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jobs of one node in SQLite ({@code jobs.db} in the data directory; WAL journal, {@code synchronous=FULL}):
 * a write's future completes only after the transaction holding it was committed and synced, so what was
 * acknowledged survives a crash or a power loss. One writer thread applies operations in the order they came,
 * many per transaction (group commit): under load, one sync covers a whole batch. Reads go through the same
 * thread, so they see every write submitted before them. Futures complete in order on a thread of their own.
 * Thread-safe; never blocks its callers.
 */
public final class JobStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobStore.class);
  /** Operations per transaction, at most. */
  static final int MAX_BATCH = 1000;

  /** One operation on the database, run by the writer thread inside a transaction. */
  private interface Op {
    void apply(Connection c) throws SQLException;

    void complete();

    void fail(Throwable e);
  }

  private static final Op STOP = new Op() {
    public void apply(Connection c) {
    }

    public void complete() {
    }

    public void fail(Throwable e) {
    }
  };

  private final Connection db;
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final AtomicLong commits = new AtomicLong();
  /**
   * Completes the futures of committed batches, in order, so that what callers chain on them runs while the
   * writer already commits the next batch.
   */
  private final java.util.concurrent.ExecutorService callbacks = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "junction-job-store-done");
    t.setDaemon(true);
    return t;
  });
  private final String id;
  /** By SQL text; used by the writer thread only. */
  private final java.util.Map<String, PreparedStatement> statements = new java.util.HashMap<>();
  private volatile boolean closed;

  private JobStore(Connection db, String id) {
    this.id = id;
    this.db = db;
    this.writer = new Thread(this::run, "junction-job-store");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Opens (or creates) the store in {@code file}. @throws SQLException when the database cannot be opened */
  public static JobStore open(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("CREATE TABLE IF NOT EXISTS jobs (token TEXT PRIMARY KEY, command TEXT NOT NULL, owner TEXT, args TEXT,"
        + " status TEXT NOT NULL, progress TEXT, response TEXT, reason TEXT, created INTEGER NOT NULL,"
        + " updated INTEGER NOT NULL, attempts INTEGER NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status)");
      s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute("INSERT OR IGNORE INTO meta VALUES ('store_id', '" + java.util.UUID.randomUUID() + "')");
      String id;
      try (java.sql.ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key='store_id'")) {
        r.next();
        id = r.getString(1);
      }
      c.setAutoCommit(false);
      return new JobStore(c, id);
    }
  }

  /**
   * This store's identity, made when the file was created: in a cluster it names the home of the jobs stored here
   * across restarts of the node (whose cluster id changes each time).
   */
  public String id() {
    return id;
  }

  /** Adds {@code job} or replaces what the store holds under its token; completes once it is on disk. */
  public CompletableFuture<Void> put(Job job) {
    return write(c -> {
      PreparedStatement p = statement(c, "INSERT OR REPLACE INTO jobs VALUES (?,?,?,?,?,?,?,?,?,?,?)");
      bind(p, job);
      p.executeUpdate();
      return null;
    });
  }

  /** A value the node keeps beside its jobs, or null. */
  public CompletableFuture<String> meta(String key) {
    return write(c -> {
      PreparedStatement p = statement(c, "SELECT value FROM meta WHERE key=?");
      p.setString(1, key);
      try (java.sql.ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    });
  }

  /** Keeps {@code value} under {@code key} beside the jobs; completes once it is on disk. */
  public CompletableFuture<Void> meta(String key, String value) {
    return write(c -> {
      PreparedStatement p = statement(c, "INSERT OR REPLACE INTO meta VALUES (?,?)");
      p.setString(1, key);
      p.setString(2, value);
      p.executeUpdate();
      return null;
    });
  }

  /** Every job in the store, oldest first. */
  public CompletableFuture<List<Job>> all() {
    return write(c -> read(statement(c, "SELECT * FROM jobs ORDER BY created")));
  }

  /** Adds {@code job}; completes once it is on disk. Fails when the token exists. */
  public CompletableFuture<Void> insert(Job job) {
    return write(c -> {
      PreparedStatement p = statement(c, "INSERT INTO jobs VALUES (?,?,?,?,?,?,?,?,?,?,?)");
      bind(p, job);
      p.executeUpdate();
      return null;
    });
  }

  /**
   * Replaces the stored state of {@code job.token}; completes once it is on disk (false: no such job). A busy
   * state never replaces a finished one (a late progress report cannot undo an end).
   */
  public CompletableFuture<Boolean> update(Job job) {
    String onlyIfBusy = job.finished() ? "" : " AND status='" + Job.BUSY + "'";
    return write(c -> {
      PreparedStatement p = statement(c, "UPDATE jobs SET command=?, owner=?, args=?, status=?, progress=?,"
        + " response=?, reason=?, created=?, updated=?, attempts=? WHERE token=?" + onlyIfBusy);
      p.setString(1, job.command);
      p.setString(2, job.owner);
      p.setString(3, job.args);
      p.setString(4, job.status);
      p.setString(5, job.progress);
      p.setString(6, job.response);
      p.setString(7, job.reason);
      p.setLong(8, job.created);
      p.setLong(9, job.updated);
      p.setInt(10, job.attempts);
      p.setString(11, job.token);
      return p.executeUpdate() == 1;
    });
  }

  /** Removes the job; completes once that is on disk (false: there was none). */
  public CompletableFuture<Boolean> delete(String token) {
    return write(c -> {
      PreparedStatement p = statement(c, "DELETE FROM jobs WHERE token=?");
      p.setString(1, token);
      return p.executeUpdate() == 1;
    });
  }

  /** Removes finished jobs last changed before {@code before} (ms since the epoch); how many. */
  public CompletableFuture<Integer> deleteFinishedBefore(long before) {
    return write(c -> {
      PreparedStatement p = statement(c, "DELETE FROM jobs WHERE status<>? AND updated<?");
      p.setString(1, Job.BUSY);
      p.setLong(2, before);
      return p.executeUpdate();
    });
  }

  public CompletableFuture<Optional<Job>> get(String token) {
    return write(c -> {
      PreparedStatement p = statement(c, "SELECT * FROM jobs WHERE token=?");
      p.setString(1, token);
      List<Job> found = read(p);
      return found.isEmpty() ? Optional.<Job>empty() : Optional.of(found.get(0));
    });
  }

  /** The jobs with {@code status}, oldest first. */
  public CompletableFuture<List<Job>> withStatus(String status) {
    return write(c -> {
      PreparedStatement p = statement(c, "SELECT * FROM jobs WHERE status=? ORDER BY created");
      p.setString(1, status);
      return read(p);
    });
  }

  /** Transactions committed so far (each one sync): fewer than the writes under load. */
  public long commits() {
    return commits.get();
  }

  /** The prepared statement for {@code sql}, made once: only the writer thread calls this. */
  private PreparedStatement statement(Connection c, String sql) throws SQLException {
    PreparedStatement p = statements.get(sql);
    if (p == null) {
      p = c.prepareStatement(sql);
      statements.put(sql, p);
    }
    p.clearParameters();
    return p;
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> CompletableFuture<T> write(Work<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("the job store is closed"));
      return result;
    }
    queue.add(new Op() {
      private T value;

      public void apply(Connection c) throws SQLException {
        value = work.run(c);
      }

      public void complete() {
        result.complete(value);
      }

      public void fail(Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  private void run() {
    List<Op> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        continue; // only close() stops the writer, with STOP, after what was queued before it
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.remove(STOP);
      commit(batch);
      if (stop) {
        return;
      }
    }
  }

  /** Applies {@code batch} in one transaction; if that fails, each operation alone, so one bad one fails alone. */
  private void commit(List<Op> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      for (Op op : batch) {
        op.apply(db);
      }
      db.commit();
      commits.incrementAndGet();
      List<Op> committed = new ArrayList<>(batch);
      callbacks.execute(() -> committed.forEach(Op::complete));
    } catch (SQLException e) {
      rollback();
      if (batch.size() == 1) {
        Op failed = batch.get(0);
        callbacks.execute(() -> failed.fail(e));
        return;
      }
      for (Op op : batch) {
        commit(List.of(op));
      }
    }
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException e) {
      log.warn("job store rollback failed: {}", e.toString());
    }
  }

  private static void bind(PreparedStatement p, Job job) throws SQLException {
    p.setString(1, job.token);
    p.setString(2, job.command);
    p.setString(3, job.owner);
    p.setString(4, job.args);
    p.setString(5, job.status);
    p.setString(6, job.progress);
    p.setString(7, job.response);
    p.setString(8, job.reason);
    p.setLong(9, job.created);
    p.setLong(10, job.updated);
    p.setInt(11, job.attempts);
  }

  private static List<Job> read(PreparedStatement p) throws SQLException {
    List<Job> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(new Job(r.getString("token"), r.getString("command"), r.getString("owner"), r.getString("args"),
          r.getString("status"), r.getString("progress"), r.getString("response"), r.getString("reason"),
          r.getLong("created"), r.getLong("updated"), r.getInt("attempts")));
      }
    }
    return out;
  }

  /** Finishes what was queued, then closes the database. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      writer.join(30_000);
      for (PreparedStatement p : statements.values()) {
        p.close();
      }
      db.close();
      callbacks.shutdown();
      callbacks.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException | SQLException e) {
      log.warn("job store close: {}", e.toString());
    }
  }
}
