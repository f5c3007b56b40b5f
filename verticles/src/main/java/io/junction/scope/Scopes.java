package io.junction.scope;

import io.junction.Addresses;
import io.junction.bridge.AccessPolicy;
import io.junction.bridge.BridgeException;
import io.junction.bridge.ErrorCode;
import io.junction.bridge.Payload;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The scopes of a node: their rules, who is in them (a {@link PresenceStore}), what they kept (a
 * {@link HistoryStore}), and the join and leave events on {@code scope.NAME.presence}. Thread-safe.
 */
public final class Scopes {

  private static final Logger log = LoggerFactory.getLogger(Scopes.class);
  public static final int MAX_HISTORY_PAGE = 1000;

  private final EventBus bus;
  private final ScopeRules rules;
  private final PresenceStore presence;
  private final HistoryStore history;

  public Scopes(EventBus bus, ScopeRules rules, PresenceStore presence, HistoryStore history) {
    this.bus = bus;
    this.rules = rules;
    this.presence = presence;
    this.history = history;
    presence.onNodeDeath((scope, member) -> {
      log.info("scope {}: {} left with its node", scope, member.client());
      announce(scope, "leave", member);
    });
  }

  /** A node's scopes in memory only: standalone nodes and tests. */
  public static Scopes local(EventBus bus, ScopeRules rules) {
    return new Scopes(bus, rules, new LocalPresence(), new LocalHistory());
  }

  public ScopeRules rules() {
    return rules;
  }

  /** Adds {@code m} to {@code scope}; the future has the reply to the join ({@code {"scope","client","members"}}). */
  public Future<JsonObject> join(String scope, Member m) {
    ScopeRule rule = rules.rule(scope);
    return presence.join(scope, m, rule.maxMembers()).compose(members -> {
      if (rule.presence()) {
        announce(scope, "join", m);
      }
      JsonObject reply = new JsonObject().put("scope", scope).put("client", m.client())
        .put("members", rule.presence() ? json(members) : new JsonArray().add(m.toJson()));
      if (rule.historySize() == 0) {
        return Future.succeededFuture(reply);
      }
      return history.last(scope, rule).map(last -> reply.put("last", last));
    });
  }

  /** Removes {@code m} from {@code scope}, announcing it when it was there. */
  public Future<Boolean> leave(String scope, Member m) {
    return presence.leave(scope, m).onSuccess(was -> {
      if (was && rules.rule(scope).presence()) {
        announce(scope, "leave", m);
      }
    });
  }

  /**
   * {@code {"scope","members"}}, for whoever may subscribe in the scope.
   *
   * @throws BridgeException {@code access_denied} when {@code access} may not, or the scope's presence is off
   */
  public Future<JsonObject> members(AccessPolicy.Access access, String scope) {
    mayRead(access, scope, "see the members of");
    if (!rules.rule(scope).presence()) {
      throw new BridgeException(ErrorCode.ACCESS_DENIED, "presence is off for scope " + scope);
    }
    return presence.members(scope).map(members -> new JsonObject().put("scope", scope).put("members", json(members)));
  }

  private void mayRead(AccessPolicy.Access access, String scope, String what) {
    if (!rules.rule(scope).maySubscribe(access)) {
      throw new BridgeException(ErrorCode.ACCESS_DENIED, "may not " + what + " scope " + scope);
    }
  }

  /**
   * The answer to a request sent to {@code address} when it is a scope service HTTP can use (members, history),
   * or {@code null}. @throws BridgeException for a bad request, or join and leave, which need a connection
   */
  public Future<Payload> answerHttp(AccessPolicy.Access access, String address, JsonObject body) {
    if (!address.startsWith(Addresses.SCOPE_SERVICE)) {
      return null;
    }
    String scope = body == null ? null : body.getString("scope");
    if (scope == null || !ScopeRules.NAME.matcher(scope).matches()) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "the body needs \"scope\": a name of letters, digits, '_' and '-'");
    }
    switch (address) {
      case Addresses.SCOPE_MEMBERS:
        return members(access, scope).map(Payload::of);
      case Addresses.SCOPE_HISTORY:
        return history(access, scope, body.getLong("after", HistoryStore.OLDEST), body.getInteger("limit", 100));
      default:
        throw new BridgeException(ErrorCode.ACCESS_DENIED, address + " needs a connection (TCP, SockJS or WebSocket)");
    }
  }

  private void announce(String scope, String event, Member m) {
    JsonObject e = new JsonObject().put("event", event).put("member", m.toJson());
    try {
      bus.publish(Addresses.SCOPE + scope + Addresses.PRESENCE_SUFFIX, Payload.of(e));
    } catch (IllegalStateException writeFailed) {
      // Vert.x 5.0 publishes to several nodes with one write promise; when a write to a node fails at once (its
      // connection is closing), completing it again throws here and the nodes after it in the loop miss the event
      org.slf4j.LoggerFactory.getLogger(Scopes.class).warn("the {} of {} in scope {} may have missed some nodes: {}",
        event, m.client(), scope, writeFailed.getMessage());
    }
  }

  private static JsonArray json(List<Member> members) {
    JsonArray out = new JsonArray();
    members.stream().sorted(Comparator.comparingLong(m -> m.toJson().getLong("since"))).forEach(m -> out.add(m.toJson()));
    return out;
  }

  /** Whether messages published to {@code address} (scope.NAME.topic, already checked) are kept. */
  public boolean keepsHistory(String scope) {
    return rules.rule(scope).historySize() > 0;
  }

  /** Keeps a message published to {@code address} in {@code scope}; the future has its sequence number. */
  public Future<Long> keep(String scope, String address, Map<String, String> headers, Payload body) {
    return history.append(scope, rules.rule(scope), Histories.entry(System.currentTimeMillis(), address, headers, body));
  }

  /**
   * {@code {"scope","messages":[{"seq","time","address","headers","body"}],"last"}}: up to {@code limit} messages
   * after {@code after}. Fails with {@code history_gone}.
   */
  public Future<Payload> history(AccessPolicy.Access access, String scope, long after, int limit) {
    mayRead(access, scope, "read the history of");
    ScopeRule rule = rules.rule(scope);
    if (rule.historySize() == 0) {
      return Future.failedFuture(new BridgeException(ErrorCode.HISTORY_GONE, "scope " + scope + " keeps no history"));
    }
    return history.read(scope, rule, after, Math.max(1, Math.min(limit, MAX_HISTORY_PAGE))).map(page -> {
      StringBuilder sb = new StringBuilder("{\"scope\":\"").append(scope).append("\",\"messages\":[");
      for (int i = 0; i < page.entries.size(); i++) {
        String e = page.entries.get(i);
        sb.append(i == 0 ? "" : ",").append("{\"seq\":").append(page.seqs.get(i)).append(',').append(e, 1, e.length());
      }
      sb.append("],\"last\":").append(page.last).append('}');
      return Payload.parse(Buffer.buffer(sb.toString()));
    });
  }
}
