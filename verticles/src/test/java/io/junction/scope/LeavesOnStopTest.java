package io.junction.scope;

import io.junction.bridge.ErrorCode;
import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stopping node closes its connections and only then leaves the cluster: the scope leaves of those connections,
 * and their presence events, must be done before, or the other nodes never hear of them (found by ScopeClusterIT
 * once in CI: the node's event bus was closing while the leave was still being written to the cluster's store).
 */
@Timeout(30)
class LeavesOnStopTest {

  /** Presence in memory whose leaves take as long as a slow cluster store's. */
  static final class SlowLeaves implements PresenceStore {
    final LocalPresence store = new LocalPresence();
    io.vertx.core.Vertx vertx;

    public Future<List<Member>> join(String scope, Member m, int max) {
      return store.join(scope, m, max);
    }

    public Future<Boolean> leave(String scope, Member m) {
      Promise<Boolean> later = Promise.promise();
      vertx.setTimer(500, t -> store.leave(scope, m).onComplete(later));
      return later.future();
    }

    public Future<List<Member>> members(String scope) {
      return store.members(scope);
    }

    public void onNodeDeath(BiConsumer<String, Member> onLeft) {
      store.onNodeDeath(onLeft);
    }
  }

  @Test
  void closingEveryConnectionCompletesAfterTheirLeavesWereAnnounced() throws Exception {
    SlowLeaves presence = new SlowLeaves();
    TestHub hub = TestHub.with(s -> s.presence = presence);
    presence.vertx = hub.vertx;
    AtomicBoolean announced = new AtomicBoolean();
    hub.vertx.eventBus().addOutboundInterceptor(ctx -> {
      if (ctx.message().address().equals("scope.lobby.presence") && String.valueOf(ctx.body()).contains("\"leave\"")) {
        announced.set(true);
      }
      ctx.next();
    });
    try (TcpClient c = hub.tcp()) {
      c.request("hub.scope.join", new JsonObject().put("scope", "lobby"), "j");
      assertEquals("message", c.next().getString("type"));
      hub.core.closeAll(ErrorCode.SHUTTING_DOWN, 5000).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertTrue(announced.get(), "the leave was published before the connections counted as closed");
    } finally {
      hub.close();
    }
  }
}
