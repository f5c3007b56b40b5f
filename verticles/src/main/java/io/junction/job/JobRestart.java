package io.junction.job;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * What a node in a cluster does with its store when it starts, before clients come: compares every stored job with
 * the directory and keeps only what is still its own. Runs once.
 */
final class JobRestart {

  private static final Logger log = LoggerFactory.getLogger(JobRestart.class);
  /** How many entries one directory read asks for. */
  private static final int CHUNK = 500;

  private final JobDirectory dir;
  private final JobStore store;
  private final JobRunner runner;
  private final JobEntries entries;

  JobRestart(JobDirectory dir, JobStore store, JobRunner runner, JobEntries entries) {
    this.dir = dir;
    this.store = store;
    this.runner = runner;
    this.entries = entries;
  }

  /**
   * Settles this node's store with the directory before its jobs run again: jobs the cluster adopted or confirmed
   * while the node was away are dropped, the others are this node's again. The busy jobs that stay are the result.
   * After a restart of the whole cluster the directory is empty and the store is the truth.
   */
  Future<List<Job>> run() {
    Future<String> epoch = dir.epoch();
    Future<String> mine = Future.fromCompletionStage(store.meta(EPOCH));
    return Future.all(epoch, mine).compose(f -> {
      boolean sameEpoch = epoch.result().equals(mine.result());
      return reconcile(sameEpoch).compose(busy -> Future.fromCompletionStage(store.meta(EPOCH, epoch.result())).map(busy));
    });
  }

  /** The key under which the store keeps the epoch of the cluster it last ran in. */
  private static final String EPOCH = "cluster_epoch";

  /** @param sameEpoch the directory has lived since this node last ran: a job missing there was settled elsewhere */
  private Future<List<Job>> reconcile(boolean sameEpoch) {
    return Future.fromCompletionStage(store.all()).compose(all -> {
      List<Future<List<Job>>> chunks = new ArrayList<>();
      for (int i = 0; i < all.size(); i += CHUNK) {
        List<Job> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
        List<String> tokens = new ArrayList<>();
        chunk.forEach(j -> tokens.add(j.token));
        chunks.add(dir.getAll(tokens).compose(found -> {
          List<Future<Job>> each = new ArrayList<>();
          for (Job j : chunk) {
            each.add(settle(j, found.get(j.token), sameEpoch));
          }
          return Future.all(each).map(f -> busy(each));
        }));
      }
      return Future.all(chunks).map(f -> {
        List<Job> busy = new ArrayList<>();
        chunks.forEach(c -> busy.addAll(c.result()));
        return busy;
      });
    });
  }

  private static List<Job> busy(List<Future<Job>> settled) {
    List<Job> busy = new ArrayList<>();
    for (Future<Job> f : settled) {
      if (f.result() != null && !f.result().finished()) {
        busy.add(f.result());
      }
    }
    return busy;
  }

  /** One stored job against its entry; the future holds the job if it stays this node's, else null. */
  private Future<Job> settle(Job local, JsonObject e, boolean sameEpoch) {
    if (JobEntries.tombstone(e) || e != null && !store.id().equals(e.getString("home")) || e == null && sameEpoch) {
      log.info("job {} was {} while this node was away: dropped here", local.token,
        JobEntries.tombstone(e) ? "confirmed" : e != null ? "adopted by another node" : "confirmed or expired on another node");
      return Future.fromCompletionStage(store.delete(local.token)).map(d -> null);
    }
    // it may have ended while this node was away (cancelled from another node)
    Job settled = e != null && !local.finished() && !Job.BUSY.equals(e.getString("status")) ? JobEntries.job(e) : local;
    JobHandler h = runner.localHandler(local.command);
    JsonObject now = entries.entry(settled, h != null && h.retryable());
    if (e == null) {
      // after every node stopped: the first home to write a token keeps it (another may hold a copy it adopted)
      return dir.claim(local.token, now).compose(other -> {
        if (other != null) {
          return settle(local, other, sameEpoch);
        }
        return settled.finished() ? dir.put(local.token, now, entries.ttl(settled)).map(settled) : Future.succeededFuture(settled);
      });
    }
    return dir.replace(local.token, e, now, entries.ttl(settled)).compose(ok -> {
      if (!ok) {
        return dir.get(local.token).compose(again -> settle(local, again, sameEpoch));
      }
      return settled == local ? Future.succeededFuture(settled)
        : Future.fromCompletionStage(store.put(settled)).map(settled);
    });
  }
}
