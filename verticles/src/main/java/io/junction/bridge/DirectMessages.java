package io.junction.bridge;

import io.junction.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

import java.util.Locale;
import java.util.Map;

/**
 * {@code client.<id>}: every connection can be reached at its id without registering anything. An id starts with
 * its node's prefix ({@value #PREFIX_LENGTH} characters), so a message goes to that node's one consumer,
 * {@code hub.direct.<prefix>}, which hands it to the connection; no per-connection registration reaches the
 * cluster. A message to a connection that is gone is dropped, a request to it fails with {@code no_handlers}.
 */
final class DirectMessages {

  static final int PREFIX_LENGTH = 8;
  /** Which connection a direct message is for (set by the hub, removed before delivery). */
  static final String TO_HEADER = "junction.to";
  private static final String NODE_ADDRESS = "hub.direct.";

  private final EventBus bus;
  private final String prefix;
  private final Map<String, Session<?>> sessions;

  DirectMessages(EventBus bus, String nodeId, Map<String, Session<?>> sessions) {
    this.bus = bus;
    this.prefix = prefixOf(nodeId);
    this.sessions = sessions;
    bus.<Object>consumer(NODE_ADDRESS + prefix, this::arrived);
  }

  /** The node's prefix of connection ids: the first characters of its id, letters and digits only. */
  static String prefixOf(String nodeId) {
    String p = nodeId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    return (p + "00000000").substring(0, PREFIX_LENGTH);
  }

  String prefix() {
    return prefix;
  }

  static boolean isDirect(String address) {
    return address.startsWith(Addresses.CLIENT);
  }

  /** Sends (or publishes: one connection either way) {@code body} to {@code client.<id>}. */
  void send(String address, Object body, DeliveryOptions options) {
    bus.send(route(address, options), body, options);
  }

  Future<Message<Object>> request(String address, Object body, DeliveryOptions options) {
    return bus.request(route(address, options), body, options);
  }

  private static String route(String address, DeliveryOptions options) {
    String id = address.substring(Addresses.CLIENT.length());
    if (id.length() <= PREFIX_LENGTH) {
      throw new BridgeException(ErrorCode.ACCESS_DENIED, "not a connection's address: " + address);
    }
    options.addHeader(TO_HEADER, id);
    return NODE_ADDRESS + id.substring(0, PREFIX_LENGTH);
  }

  private void arrived(Message<Object> m) {
    String id = m.headers().get(TO_HEADER);
    Session<?> s = id == null ? null : sessions.get(id);
    if (s == null) {
      if (m.replyAddress() != null) {
        m.fail(ErrorCode.NO_HANDLERS.code(), "no connection " + id + " on this node");
      }
      return;
    }
    m.headers().remove(TO_HEADER);
    Delivery d = Delivery.to(Addresses.CLIENT + id, m);
    s.onOwnLoop(() -> s.deliverRequest(m, d));
  }
}
