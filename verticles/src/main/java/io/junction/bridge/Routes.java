package io.junction.bridge;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Clients' publishes between the nodes of a cluster, batched like NATS's routes: a node sends another node one
 * event-bus message per event-loop turn (or per {@value #FLUSH_BYTES} bytes) to its {@value #PREFIX}NODE address,
 * holding every publish of that turn for which that node has subscribers, encoded once; the receiving node hands
 * each to its own subscribers ({@link Fanout}). The Vert.x cluster connection writes and flushes each message, so
 * one bus message per publish cost a flush and a small packet each on both nodes. Order is kept per sending
 * thread. Thread-safe: {@link #send} is called on any thread, batches are per sending event loop.
 */
public final class Routes {

  /** A node's route address is this prefix and its Vert.x cluster node id. */
  public static final String PREFIX = "hub.route.";
  static final int FLUSH_BYTES = 64 * 1024;

  private static final ThreadLocal<Batches> BATCHES = ThreadLocal.withInitial(Batches::new);

  private final EventBus bus;
  private final Fanout fanout;
  private final Context home;
  private final MessageConsumer<Buffer> consumer;

  Routes(Vertx vertx, Fanout fanout, String selfNodeId) {
    this.bus = vertx.eventBus();
    this.fanout = fanout;
    this.home = vertx.getOrCreateContext();
    this.consumer = bus.consumer(PREFIX + selfNodeId, this::arrived);
  }

  /**
   * Sends a publish to {@code nodes}, in this turn's batch of the calling event loop; from any other thread
   * (a history scope's publish completes on the data grid's) through the batches of this node's route context.
   */
  public void send(List<String> nodes, String address, byte[] headers, Payload body) {
    Context here = Vertx.currentContext();
    if (here == null || !here.isEventLoopContext()) {
      home.runOnContext(v -> send(nodes, address, headers, body));
      return;
    }
    for (String node : nodes) {
      BATCHES.get().append(this, node, here, address, headers, body);
    }
  }

  private static void encode(Buffer out, String address, byte[] headers, Payload body) {
    byte[] a = address.getBytes(StandardCharsets.UTF_8);
    byte[] b = body.bytes();
    out.appendInt(a.length).appendBytes(a).appendInt(headers.length).appendBytes(headers).appendInt(b.length).appendBytes(b);
  }

  private void arrived(Message<Buffer> m) {
    Buffer batch = m.body();
    int pos = 0;
    while (pos < batch.length()) {
      int n = batch.getInt(pos);
      String address = batch.getString(pos + 4, pos + 4 + n, "UTF-8");
      pos += 4 + n;
      n = batch.getInt(pos);
      byte[] headers = batch.getBytes(pos + 4, pos + 4 + n);
      pos += 4 + n;
      n = batch.getInt(pos);
      Payload body = Payload.trusted(batch.getBytes(pos + 4, pos + 4 + n));
      pos += 4 + n;
      fanout.publishLocal(address, headers, body);
    }
  }

  void close() {
    consumer.unregister();
  }

  /** The batches one event loop fills in its current turn, per target node. Confined to that loop's thread. */
  private static final class Batches {
    private final Map<String, Buffer> byNode = new HashMap<>();
    private Routes routes;
    private boolean scheduled;

    void append(Routes r, String node, Context here, String address, byte[] headers, Payload body) {
      routes = r;
      Buffer b = byNode.computeIfAbsent(node, k -> Buffer.buffer(4096));
      encode(b, address, headers, body);
      if (b.length() >= FLUSH_BYTES) {
        byNode.remove(node);
        r.bus.send(PREFIX + node, b);
      } else if (!scheduled) {
        scheduled = true;
        here.runOnContext(v -> flush());
      }
    }

    private void flush() {
      scheduled = false;
      byNode.forEach((node, b) -> routes.bus.send(PREFIX + node, b));
      byNode.clear();
    }
  }
}
