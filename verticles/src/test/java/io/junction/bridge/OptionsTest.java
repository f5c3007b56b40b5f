package io.junction.bridge;

import io.junction.http.HttpOptions;
import io.junction.tcp.TcpOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

  @Test
  void limitsHaveTheirDefaults() {
    Limits l = new Limits();
    assertEquals(65536, l.maxFrameBytes());
    assertEquals(1000, l.maxRegistrations());
    assertEquals(200, l.maxAddressLength());
    assertEquals(60, l.idleTimeoutSeconds());
    assertEquals(1024 * 1024, l.outboundBufferBytes());
    assertEquals(SlowConsumerPolicy.DISCONNECT, l.slowConsumer());
    assertEquals(5000, l.writeDeadlineMs());
    assertEquals(64L * 1024 * 1024, l.maxOutboundBytes());
    assertEquals(0, l.nodeOutboundBytes());
    assertEquals(Runtime.getRuntime().maxMemory() / 4, l.nodeOutboundBudget());
    assertEquals(30_000, l.replyTimeoutMs());
  }

  @Test
  void limitsRoundTripThroughJsonAndCopy() {
    Limits l = new Limits().setMaxFrameBytes(2048).setSlowConsumer(SlowConsumerPolicy.DROP).setIdleTimeoutSeconds(0)
      .setWriteDeadlineMs(0).setMaxOutboundBytes(1L << 33).setNodeOutboundBytes(1L << 30);
    Problems p = new Problems();
    assertEquals(l.toJson(), new Limits(l.toJson(), p).toJson());
    assertTrue(p.isEmpty());
    assertEquals(l.toJson(), new Limits(l).toJson());
  }

  @Test
  void limitsRejectValuesOutOfRangeWithTheirKey() {
    Problems p = new Problems();
    new Limits(new JsonObject().put("max_frame_bytes", 10).put("slow_consumer", "maybe").put("reply_timeout_ms", -1)
      .put("write_deadline_ms", -5).put("max_outbound_bytes", 100).put("node_outbound_bytes", 1000), p);
    assertEquals(List.of(
      "limits.max_frame_bytes: must be between 1024 and 67108864, got 10",
      "limits.slow_consumer: must be \"drop\" or \"disconnect\", got \"maybe\"",
      "limits.write_deadline_ms: must be between 0 and 600000, got -5",
      "limits.max_outbound_bytes: must be between 1024 and 1099511627776, got 100",
      "limits.node_outbound_bytes: must be between 1048576 and 1125899906842624, got 1000",
      "limits.reply_timeout_ms: must be between 100 and 3600000, got -1"), p.lines());
    assertThrows(IllegalArgumentException.class, () -> new Limits().setMaxRegistrations(0));
  }

  @Test
  void endpointOptionsHaveDefaultsAndRejectBadPorts() {
    assertEquals(7000, new TcpOptions().port());
    assertEquals(8080, new HttpOptions().port());
    assertEquals("0.0.0.0", new TcpOptions().host());
    assertEquals(15, new HttpOptions().sseHeartbeatSeconds());
    assertEquals(1, new HttpOptions().effectiveInstances());
    assertEquals(Runtime.getRuntime().availableProcessors(), new TcpOptions().effectiveInstances());
    Problems p = new Problems();
    new TcpOptions(new JsonObject().put("port", 70000).put("host", " "), p);
    new HttpOptions(new JsonObject().put("sse_heartbeat_seconds", 0), p);
    assertEquals(3, p.lines().size(), p.lines()::toString);
    assertTrue(p.lines().stream().anyMatch(l -> l.startsWith("tcp.port: must be a port")), p.lines()::toString);
    HttpOptions h = new HttpOptions();
    h.setPort(0);
    assertEquals(h.toJson(), new HttpOptions(h.toJson(), new Problems()).toJson());
  }
}
