package io.junction.tcp;

import io.junction.testing.TcpClient;
import io.junction.testing.TestHub;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.junction.tcp.TcpLimitsTest.flood;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow control by time: a client is a slow consumer only when its queue stays above the soft limit
 * ({@code limits.outbound_buffer_bytes}) past {@code limits.write_deadline_ms}, reaches the hard cap
 * ({@code limits.max_outbound_bytes}), or is above the soft limit while the node's budget
 * ({@code limits.node_outbound_bytes}) is spent. Real sockets whose readers stop and start.
 */
@Timeout(60)
class FlowControlTest {

  private static final String ADDRESS = "scope.lobby.flow";

  @Test
  void aClientThatPausesShorterThanTheDeadlineIsNotCutAndLosesNothing() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setOutboundBufferBytes(64 * 1024).setWriteDeadlineMs(5000));
         TcpLimitsTest.Stalled s = new TcpLimitsTest.Stalled(hub.tcpPort())) {
      s.register(ADDRESS);
      int sent = flood(hub, ADDRESS, 2000); // 20 MB, far over the soft limit, under the hard cap
      Thread.sleep(500);
      s.readMessages(sent);
      assertEquals(0, hub.core.stats().toJson().getLong("slowConsumersClosed"));
    }
  }

  @Test
  void aClientThatNeverReadsIsCutOnceTheDeadlinePassesEvenWithNoNewMessages() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setOutboundBufferBytes(64 * 1024).setWriteDeadlineMs(300));
         TcpLimitsTest.Stalled s = new TcpLimitsTest.Stalled(hub.tcpPort())) {
      s.register(ADDRESS);
      long t0 = System.nanoTime();
      flood(hub, ADDRESS, 1000);
      TcpLimitsTest.awaitQuiet(() -> hub.core.stats().toJson().getLong("slowConsumersClosed"));
      long cutAfterMs = (System.nanoTime() - t0) / 1_000_000;
      TcpLimitsTest.Ending end = s.readToEnd();
      assertEquals("slow_consumer", end.error.getString("error"));
      assertTrue(end.error.getString("detail").contains("limits.write_deadline_ms 300"), end.error::encode);
      assertTrue(end.closed);
      // the check runs on every message and once a second: the cut comes within the deadline plus a tick
      assertTrue(cutAfterMs < 300 + 1000 + 500 + 2000, "cut after " + cutAfterMs + " ms");
      assertTrue(hub.core.outbound().used() < 1024 * 1024, "its queue was released: " + hub.core.outbound().used());
    }
  }

  @Test
  void whileTheNodeBudgetIsSpentClientsOverTheirSoftLimitAreCutAndAHealthyOneGetsEverything() throws Exception {
    try (TestHub hub = TestHub.start(l -> l.setOutboundBufferBytes(4 * 1024 * 1024).setWriteDeadlineMs(60_000)
           .setNodeOutboundBytes(1024 * 1024));
         TcpLimitsTest.Stalled a = new TcpLimitsTest.Stalled(hub.tcpPort());
         TcpLimitsTest.Stalled b = new TcpLimitsTest.Stalled(hub.tcpPort());
         TcpClient healthy = hub.tcp()) {
      a.register(ADDRESS);
      b.register(ADDRESS);
      healthy.register(ADDRESS).sync();
      int sent = 0;
      for (int burst = 0; burst < 30; burst++) {
        sent += flood(hub, ADDRESS, 100); // 1 MB, then a pause the healthy reader uses to catch up
        Thread.sleep(20);
      }
      for (int i = 0; i < sent; i++) {
        JsonObject m = healthy.next();
        assertEquals("message", m.getString("type"), m::encode);
      }
      for (TcpLimitsTest.Stalled s : new TcpLimitsTest.Stalled[] {a, b}) {
        TcpLimitsTest.Ending end = s.readToEnd();
        assertTrue(end.error.getString("detail").contains("limits.node_outbound_bytes"), end.error::encode);
        assertTrue(end.closed);
      }
      assertEquals(2, hub.core.stats().toJson().getLong("slowConsumersClosed"));
    }
  }
}
