package io.junction.hub;

import io.junction.testing.Http;
import io.junction.testing.TcpClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.junction.hub.JobClusterIT.awaitStatus;
import static io.junction.hub.JobClusterIT.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every node of a cluster stops and starts again (the directory, in the cluster's memory, is gone): each node's
 * store is the truth again, its jobs are readable from the other node, and a job that was adopted before the stop
 * and so sits in two stores is kept by one node only.
 */
@Timeout(180)
class JobClusterRestartIT {

  @TempDir
  Path dir;

  private JunctionNode start(String name, String cluster) {
    Map<String, String> o = Nodes.testOverrides(dir.resolve(name), name, true);
    o.put("cluster.name", cluster);
    return Nodes.start(o);
  }

  @Test
  void afterEveryNodeRestartedEachStoreIsTheTruthAndAnAdoptedJobIsKeptOnce() {
    String first = "junction-test-" + UUID.randomUUID();
    JunctionNode p = start("p", first);
    JunctionNode q = start("q", first);
    try (TcpClient onP = TcpClient.connect(p.tcpPort()); TcpClient onQ = TcpClient.connect(q.tcpPort())) {
      submit(onP, "say_hi", "r-1", null);
      submit(onQ, "sleep", "r-2", new JsonObject().put("ms", 60_000));
      awaitStatus(q, "r-1", "success");
      awaitStatus(p, "r-2", "busy");
    }
    q.stop(); // p adopts r-2: it is now busy in both stores
    Eventually.until(() -> {
      assertEquals(1, p.jobs.busy(), "adopted by p");
      return true;
    });
    p.stop();

    String second = "junction-test-" + UUID.randomUUID(); // a new cluster: nothing of the first one's memory
    JunctionNode q2 = start("q", second);
    JunctionNode p2 = start("p", second);
    try {
      assertEquals(1, q2.jobs.busy() + p2.jobs.busy(), "r-2 runs on one node only");
      assertEquals("success", awaitStatus(q2, "r-1", "success").getString("status"), "p's job, read on q");
      assertEquals(new JsonObject().put("message", "Hi!"), awaitStatus(p2, "r-1", "success").getJsonObject("response"));
      awaitStatus(p2, "r-2", "busy");
      assertEquals("busy", awaitStatus(q2, "r-2", "busy").getString("status"));
      assertEquals(200, new Http(q2.httpPort()).post("/api/jobs/r-1/confirm", "").statusCode(), "confirmed through p, its home");
      assertEquals(404, new Http(p2.httpPort()).get("/api/jobs/r-1").statusCode());
      assertTrue(new Http(p2.httpPort()).post("/api/jobs/r-2/cancel", "").body().contains("cancelled"));
      awaitStatus(q2, "r-2", "aborted");
    } finally {
      p2.stop();
      q2.stop();
    }
  }
}
