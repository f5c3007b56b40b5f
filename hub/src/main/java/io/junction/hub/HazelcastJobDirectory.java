package io.junction.hub;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.junction.job.JobDirectory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The job directory in a Hazelcast map ({@value #MAP}, one backup: one node's death loses no entry). Entries are
 * {@link HazelcastJsonValue}s, so the adopter finds a dead node's busy jobs with a query on their fields. Writes of
 * one token are chained, so they land in the order they were made; blocking calls run on Vert.x workers; results
 * come back on one Vert.x context, never on Hazelcast's threads.
 */
final class HazelcastJobDirectory implements JobDirectory {

  static final String MAP = "hub.jobs.directory";
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private final Vertx vertx;
  private final Context context;
  private final HazelcastInstance hz;
  private final String nodeId;
  private final IMap<String, HazelcastJsonValue> map;
  /** The last write of each token still under way. */
  private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  /**
   * Starts the writes that wait for an earlier one: that one completes on a Hazelcast thread, which may not call
   * out itself. Starting an asynchronous write takes microseconds, so one thread does, for every node of the JVM;
   * it lives as long as the JVM, so the last writes of a stopping node still go out.
   */
  private static final java.util.concurrent.ExecutorService WRITER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "junction-job-directory");
    t.setDaemon(true);
    return t;
  });

  HazelcastJobDirectory(Vertx vertx, HazelcastInstance hz, String nodeId) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.hz = hz;
    this.nodeId = nodeId;
    this.map = hz.getMap(MAP);
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  private Set<String> members() {
    Set<String> live = new HashSet<>();
    for (Member m : hz.getCluster().getMembers()) {
      live.add(m.getAttribute(VERTX_NODE_ID));
    }
    return live;
  }

  @Override
  public boolean isMember(String node) {
    return node != null && members().contains(node);
  }

  @Override
  public boolean isOldest() {
    Set<Member> members = hz.getCluster().getMembers();
    return !members.isEmpty() && members.iterator().next().localMember();
  }

  private static HazelcastJsonValue value(JsonObject entry) {
    return new HazelcastJsonValue(entry.encode());
  }

  private static JsonObject entry(HazelcastJsonValue v) {
    return v == null ? null : new JsonObject(v.toString());
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    return context.executeBlocking(work, false);
  }

  @Override
  public Future<JsonObject> claim(String token, JsonObject entry) {
    HazelcastJsonValue mine = value(entry);
    return blocking(() -> {
      while (true) {
        HazelcastJsonValue there = map.putIfAbsent(token, mine);
        if (there == null) {
          return null;
        }
        JsonObject e = entry(there);
        if (!e.getBoolean("confirmed", false)) {
          return e;
        }
        if (map.replace(token, there, mine)) { // a confirmed token may be used again
          map.setTtl(token, 0, TimeUnit.SECONDS); // replace keeps the tombstone's TTL
          return null;
        }
      }
    });
  }

  @Override
  public Future<Void> put(String token, JsonObject entry, long ttlSeconds) {
    HazelcastJsonValue v = value(entry);
    // an explicit TTL each time (0: none): a plain set would keep the TTL of what it replaces (a tombstone's)
    return ordered(token, () -> map.setAsync(token, v, Math.max(0, ttlSeconds), TimeUnit.SECONDS));
  }

  @Override
  public Future<Void> remove(String token) {
    return ordered(token, () -> map.removeAsync(token));
  }

  /** Runs {@code write} after the writes of {@code token} made before it. */
  private Future<Void> ordered(String token, Supplier<CompletionStage<?>> write) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> before = tails.put(token, mine);
    CompletionStage<?> after = before == null ? CompletableFuture.completedFuture(null) : before.handle((r, e) -> null);
    after.thenComposeAsync(x -> write.get(), WRITER).whenComplete((r, e) -> {
      tails.remove(token, mine);
      if (e != null) {
        mine.completeExceptionally(e);
      } else {
        mine.complete(null);
      }
    });
    return Future.fromCompletionStage(mine, context);
  }

  @Override
  public Future<JsonObject> get(String token) {
    return Future.fromCompletionStage(map.getAsync(token), context).map(HazelcastJobDirectory::entry);
  }

  @Override
  public Future<Map<String, JsonObject>> getAll(Collection<String> tokens) {
    Set<String> keys = new HashSet<>(tokens);
    return blocking(() -> {
      Map<String, JsonObject> found = new HashMap<>();
      map.getAll(keys).forEach((k, v) -> found.put(k, entry(v)));
      return found;
    });
  }

  @Override
  public Future<Boolean> replace(String token, JsonObject expected, JsonObject entry, long ttlSeconds) {
    HazelcastJsonValue old = value(expected);
    HazelcastJsonValue now = value(entry);
    return blocking(() -> {
      boolean done = map.replace(token, old, now);
      if (done) {
        map.setTtl(token, Math.max(0, ttlSeconds), TimeUnit.SECONDS); // replace keeps the old TTL
      }
      return done;
    });
  }

  /** The key of the epoch: tokens cannot contain '#'. */
  private static final String EPOCH = "#epoch";

  @Override
  public Future<String> epoch() {
    HazelcastJsonValue mine = new HazelcastJsonValue(new JsonObject().put("epoch", java.util.UUID.randomUUID().toString()).encode());
    return blocking(() -> {
      HazelcastJsonValue there = map.putIfAbsent(EPOCH, mine);
      return new JsonObject((there == null ? mine : there).toString()).getString("epoch");
    });
  }

  @Override
  public Future<List<JsonObject>> orphans() {
    return blocking(() -> {
      Set<String> live = members();
      List<JsonObject> orphans = new ArrayList<>();
      for (HazelcastJsonValue v : map.values(Predicates.equal("status", "busy"))) {
        JsonObject e = entry(v);
        if (!live.contains(e.getString("node"))) {
          orphans.add(e);
        }
      }
      return orphans;
    });
  }

}
