package io.junction.hub;

import io.junction.classic.ClassicVerticle;
import io.junction.job.BuiltInJobs;
import io.junction.job.JobHandler;
import io.junction.job.JobService;
import io.junction.job.JobStore;
import io.junction.auth.Auth;
import io.junction.auth.LastLogins;
import io.junction.auth.TokenOptions;
import io.junction.bridge.BridgeCore;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.LocalNode;
import io.junction.bridge.NodeState;
import io.junction.echo.EchoVerticle;
import io.junction.scope.Scopes;
import io.junction.http.HttpVerticle;
import io.junction.tcp.TcpBridgeVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A running node: Vert.x (clustered through Hazelcast unless standalone), the bridge core, and the endpoint and
 * service verticles. {@link #start} is a script of named steps; {@link #stop} refuses new clients, closes the open
 * ones with {@code shutting_down}, undeploys and leaves the cluster.
 */
final class JunctionNode {

  private static final Logger log = LoggerFactory.getLogger(JunctionNode.class);
  private static final String SECRET_MAP = "hub.auth.secret";

  final HubConfig config;
  final Vertx vertx;
  final LocalNode info;
  final BridgeCore core;
  private final DataDir dataDir;
  private final long startedAt;

  final Auth auth;

  private final JobStore jobStore;
  final JobService jobs;

  private JunctionNode(HubConfig config, Vertx vertx, LocalNode info, DataDir dataDir, long startedAt, Auth auth,
                       JobStore jobStore) {
    this.config = config;
    this.vertx = vertx;
    this.info = info;
    this.dataDir = dataDir;
    this.startedAt = startedAt;
    this.auth = auth;
    this.jobStore = jobStore;
    this.jobs = new JobService(vertx, jobStore, config.jobs, jobHandlers(), jobDirectory(vertx, info));
    this.core = new BridgeCore(vertx, config.limits, config.access, info, auth, scopes(vertx, config, info), jobs);
  }

  /** The built-in commands, and the plug-ins on the class path ({@code ServiceLoader}); a plug-in may replace a built-in. */
  private static List<JobHandler> jobHandlers() {
    Map<String, JobHandler> byCommand = new LinkedHashMap<>();
    for (JobHandler h : BuiltInJobs.all()) {
      byCommand.put(h.command(), h);
    }
    for (JobHandler h : ServiceLoader.load(JobHandler.class)) {
      log.info("job command {} from plug-in {}", h.command(), h.getClass().getName());
      byCommand.put(h.command(), h);
    }
    return new ArrayList<>(byCommand.values());
  }

  /**
   * Starts a node. The result fails with a message for people when any step fails, and then nothing is left
   * running. Results are handed over outside Vert.x: a failed start closes Vert.x, and futures bound to its event
   * loops would never complete.
   */
  static CompletableFuture<JunctionNode> start(HubConfig config) {
    long t0 = System.nanoTime();
    CompletableFuture<JunctionNode> result = new CompletableFuture<>();
    DataDir dir;
    try {
      dir = DataDir.lock(config.dataDir);
    } catch (IllegalStateException e) {
      result.completeExceptionally(e);
      return result;
    }
    // one event loop per core (Vert.x defaults to two): endpoints run one instance per core, and more loops than
    // cores only add threads competing for them
    VertxOptions options = new VertxOptions()
      .setEventLoopPoolSize(config.eventLoops)
      .setFileSystemOptions(new FileSystemOptions().setFileCacheDir(dir.cacheDir().toString()));
    options.getEventBusOptions().setHost(config.cluster.host).setPort(config.cluster.port);
    HazelcastClusterManager manager = config.cluster.enabled ? ClusterSetup.manager(config) : null;
    OtherNodesSelector selector = manager == null ? null : new OtherNodesSelector();
    Future<Vertx> vertx = manager == null
      ? Future.succeededFuture(Vertx.builder().with(options).build())
      : ClusterSetup.clusteredVertx(options, manager, selector);
    vertx.onComplete(ar -> {
      if (ar.failed()) {
        fail(result, dir, null, "could not join the cluster", ar.cause());
        return;
      }
      LocalNode info = manager == null ? new LocalNode(UUID.randomUUID().toString(), config.nodeName)
        : new HazelcastNode(manager, config.nodeName);
      Vertx v = ar.result();
      tokenSecret(v, config).onComplete(secret -> {
        Auth auth;
        try {
          auth = Auth.create(v, config.auth, secret.result(), new LastLogins(v, info.name()));
        } catch (RuntimeException e) {
          fail(result, dir, v, "could not set up logins", e);
          return;
        }
        JobStore store;
        try {
          store = JobStore.open(dir.path.resolve("jobs.db"));
        } catch (Exception e) {
          fail(result, dir, v, "could not open the job store " + dir.path.resolve("jobs.db"), e);
          return;
        }
        JunctionNode node = new JunctionNode(config, v, info, dir, t0, auth, store);
        if (selector != null) {
          node.core.otherNodes(selector.route(node.core.startRoutes(manager.getNodeId())));
        }
        if (info instanceof HazelcastNode) {
          ((HazelcastNode) info).onMemberRemoved(node.jobs::nodeLeft);
        }
        auth.users().watch(v);
        node.jobs.start().compose(j -> node.deploy()).onComplete(d -> {
          if (d.succeeded()) {
            result.complete(node);
          } else {
            node.jobs.close();
            store.close();
            fail(result, dir, v, "could not start the jobs or the endpoints", d.cause());
          }
        });
      });
    });
    return result;
  }

  /** Where the cluster finds every job and its home; {@code null} when standalone. */
  private static io.junction.job.JobDirectory jobDirectory(Vertx vertx, LocalNode info) {
    return info instanceof HazelcastNode ? new HazelcastJobDirectory(vertx, ((HazelcastNode) info).hazelcast(), info.id()) : null;
  }

  /** Scopes in the cluster's data grid when clustered, in memory when standalone. */
  private static Scopes scopes(Vertx vertx, HubConfig config, LocalNode info) {
    if (!(info instanceof HazelcastNode)) {
      return Scopes.local(vertx.eventBus(), config.scopes);
    }
    HazelcastNode node = (HazelcastNode) info;
    HazelcastPresence presence = new HazelcastPresence(vertx, node.hazelcast(), node.id());
    node.onMemberRemoved(presence::memberRemoved);
    return new Scopes(vertx.eventBus(), config.scopes, presence, new HazelcastHistory(vertx, node.hazelcast()));
  }

  /**
   * The HS256 secret when none is configured: one random secret per cluster (the first node makes it, the others
   * read it), so a token issued by one node is good on all; it is lost when the whole cluster stops. Empty when the
   * secret is configured or the algorithm is not HS256.
   */
  private static Future<String> tokenSecret(Vertx vertx, HubConfig config) {
    TokenOptions token = config.auth.token();
    if (!token.algorithm().equals("HS256") || !token.secret().isEmpty()) {
      return Future.succeededFuture("");
    }
    log.warn("auth.token.secret is not set: tokens are signed with a random secret shared by this cluster's nodes; "
      + "they stop being valid when the whole cluster restarts, and no backend can mint them");
    String mine = Auth.randomSecret();
    return vertx.sharedData().<String, String>getAsyncMap(SECRET_MAP)
      .compose(m -> m.putIfAbsent("token_secret", mine))
      .map(theirs -> theirs == null ? mine : theirs)
      .recover(e -> {
        log.warn("could not share the token secret in the cluster ({}): tokens from other nodes will be refused", e.getMessage());
        return Future.succeededFuture(mine);
      });
  }

  private static void fail(CompletableFuture<?> result, DataDir dir, Vertx vertx, String what, Throwable err) {
    IllegalStateException e = new IllegalStateException(what + ": " + err.getMessage(), err.getCause());
    new Thread(() -> {
      if (vertx != null) {
        try {
          vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // the start failed already; report that
        }
      }
      dir.close();
      result.completeExceptionally(e);
    }, "junction-start-failed").start();
  }

  private Future<Void> deploy() {
    return deployHttp()
      .compose(v -> vertx.deployVerticle(new EchoVerticle(core)))
      .compose(v -> deployTcp())
      .compose(v -> deployClassic())
      .onSuccess(v -> info.setState(NodeState.UP))
      .mapEmpty();
  }

  private Future<?> deployHttp() {
    if (!config.http.listens()) {
      return Future.succeededFuture();
    }
    if (!config.http.sockJsPolling()) {
      log.info("http.instances is {}: SockJS runs over WebSocket only (its polling transports are not safe across "
        + "event loops in vertx-web); set http.instances to 1 for browsers that cannot use WebSocket", config.http.effectiveInstances());
    }
    return vertx.deployVerticle(() -> new HttpVerticle(core, config.http),
      new DeploymentOptions().setInstances(config.http.effectiveInstances()));
  }

  private Future<?> deployTcp() {
    if (!config.tcp.listens()) {
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(() -> new TcpBridgeVerticle(core, config.tcp),
      new DeploymentOptions().setInstances(config.tcp.effectiveInstances()));
  }

  /** The classic token-server listener, when {@code classic.enabled}. */
  private Future<?> deployClassic() {
    if (!config.classic.enabled()) {
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(new ClassicVerticle(core, config.classic));
  }

  int tcpPort() {
    return core.port("tcp");
  }

  int httpPort() {
    return core.port("http");
  }

  /** The one startup line: what listens where, the node id, the cluster and its members. */
  String summary() {
    StringBuilder sb = new StringBuilder("Junction node ").append(info.name()).append(" (").append(info.id())
      .append(") up in ").append((System.nanoTime() - startedAt) / 1_000_000).append(" ms: ");
    for (String endpoint : new String[] {"tcp", "tcp_tls", "http", "https", "classic"}) {
      if (core.port(endpoint) >= 0) {
        String host = endpoint.startsWith("tcp") ? config.tcp.host() : endpoint.equals("classic") ? config.classic.host() : config.http.host();
        sb.append(endpoint.equals("tcp_tls") ? "tls" : endpoint).append(' ').append(host).append(':').append(core.port(endpoint)).append(", ");
      }
    }
    if (config.http.listens()) {
      sb.append("http serves /eventbus, /api, /health and the console, ");
    }
    if (info.clusterName() == null) {
      sb.append("standalone");
    } else {
      sb.append("cluster ").append(info.clusterName()).append(" with ").append(info.members().size())
        .append(info.members().size() == 1 ? " member [" : " members [").append(info.members().stream().map(m -> m.getString("name")).collect(Collectors.joining(", ")))
        .append(']');
    }
    return sb.append(", data ").append(dataDir.path).toString();
  }

  /**
   * Stops the node: refuse new clients, tell the open ones ({@code shutting_down}), undeploy, leave the cluster,
   * release the data directory. Blocks; call it from outside Vert.x (a signal handler's thread, a test).
   */
  void stop() {
    if (info.state() == NodeState.STOPPING) {
      return;
    }
    info.setState(NodeState.STOPPING);
    log.info("node {} stopping: closing client connections {}", info.name(), core.connections());
    try {
      core.closeAll(ErrorCode.SHUTTING_DOWN, 3000).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("node {}: some clients were not told of the shutdown: {}", info.name(), e.getMessage());
    }
    jobs.close();
    jobStore.close(); // writes what was queued, then closes the database
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not leave the cluster cleanly: " + e.getMessage(), e);
    } finally {
      dataDir.close();
    }
    log.info("node {} stopped", info.name());
  }
}
