package io.junction.bridge;

import io.junction.Addresses;
import io.junction.scope.Scopes;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;

import java.util.Map;

/**
 * Where a client's publish goes: to this node's subscribers directly ({@link Fanout}), and in a cluster to the
 * other nodes that have subscribers ({@link OtherNodes}); into a scope's history first where the scope keeps one,
 * with its sequence number in {@value BridgeCore#SEQ_HEADER}; to one connection for {@code client.ID}. Thread-safe.
 */
final class Publisher {

  private static final Future<Long> NOT_KEPT = Future.succeededFuture(-1L);

  private final BridgeCore core;
  private final Permissions permissions;
  private final Scopes scopes;
  private final DirectMessages direct;
  private final Fanout fanout;
  private final boolean clustered;
  private volatile OtherNodes otherNodes;

  Publisher(BridgeCore core, Permissions permissions, Scopes scopes, DirectMessages direct, Fanout fanout,
            boolean clustered) {
    this.core = core;
    this.permissions = permissions;
    this.scopes = scopes;
    this.direct = direct;
    this.fanout = fanout;
    this.clustered = clustered;
    this.otherNodes = (address, body, headers, options) -> core.vertx().eventBus().publish(address, body, options);
  }

  void otherNodes(OtherNodes route) {
    this.otherNodes = route;
  }

  /**
   * {@link BridgeCore#publish(AccessPolicy.Access, String, Payload, Map)}, pipelined behind {@code after}, the previous publish
   * of the same connection into a scope with history (or {@code null}): the message is kept at once, and published
   * once it is kept and {@code after} has completed, so a connection's messages go out in order without waiting
   * one cluster round trip each.
   */
  Future<Long> publish(AccessPolicy.Access access, String address, Payload body, Map<String, String> headers,
                       Future<?> after) {
    permissions.publish(access, address, body);
    headers = BridgeCore.withoutSeq(address, headers);
    if (address.startsWith(Addresses.SCOPE)) {
      String scope = Permissions.scopeName(address);
      if (scopes.keepsHistory(scope)) {
        DeliveryOptions options = core.deliveryOptions(headers, access.user());
        Map<String, String> kept = new java.util.LinkedHashMap<>();
        if (options.getHeaders() != null) {
          options.getHeaders().remove(BridgeCore.SEQ_HEADER);
          options.getHeaders().forEach(kept::put);
        }
        Future<Long> keeping = scopes.keep(scope, address, kept, body);
        Future<Long> inTurn = after == null ? keeping : after.transform(ar -> keeping);
        return inTurn.map(seq -> {
          out(address, body, options.addHeader(BridgeCore.SEQ_HEADER, String.valueOf(seq)));
          return seq;
        });
      }
    }
    if (DirectMessages.isDirect(address)) {
      direct.send(address, body, core.deliveryOptions(headers, access.user()));
    } else {
      out(address, body, headers == null && access.user() == null ? null : core.deliveryOptions(headers, access.user()));
    }
    return NOT_KEPT;
  }

  /**
   * A client's message goes to this node's subscribers directly, and, in a cluster, to the other nodes, marked with
   * this node's id so that this node's own consumer drops a copy that comes back over the bus.
   */
  private void out(String address, Payload body, DeliveryOptions options) {
    byte[] headers = JsonText.headers(options == null ? null : options.getHeaders());
    fanout.publishLocal(address, headers, body);
    if (clustered) {
      DeliveryOptions o = options == null ? new DeliveryOptions() : options;
      otherNodes.publish(address, body, headers, o.addHeader(BridgeCore.ORIGIN_HEADER, fanout.origin()));
    }
  }

  /** Whether a publish to {@code address} is kept in a scope's history (false for addresses that are no scope's). */
  boolean keepsHistory(String address) {
    if (!address.startsWith(Addresses.SCOPE)) {
      return false;
    }
    try {
      return scopes.keepsHistory(Permissions.scopeName(address));
    } catch (BridgeException notAScope) {
      return false;
    }
  }
}
