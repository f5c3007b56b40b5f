package io.junction.bridge;

import io.junction.Addresses;
import io.junction.scope.Member;
import io.junction.scope.ScopeRule;
import io.junction.scope.ScopeRules;
import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonObject;

/**
 * The scope services ({@code hub.scope.*}) as a session answers them: join, leave, members and history. A
 * session's memberships end when it closes. Runs on the session's event loop.
 */
final class ScopeFrames {

  private static final int DEFAULT_HISTORY_LIMIT = 100;

  private ScopeFrames() {
  }

  /** Handles {@code f} if it is sent to a scope service; false when it is not one. */
  static boolean handle(Session<?> s, Frame f) {
    if (!f.address.startsWith(Addresses.SCOPE_SERVICE)) {
      return false;
    }
    switch (f.address) {
      case Addresses.SCOPE_JOIN:
        join(s, f);
        return true;
      case Addresses.SCOPE_LEAVE:
        leave(s, f);
        return true;
      case Addresses.SCOPE_MEMBERS:
        s.core().scopes().members(s.access(), scope(f)).onComplete(ar -> answer(s, f, ar));
        return true;
      case Addresses.SCOPE_HISTORY:
        history(s, f);
        return true;
      default:
        return false;
    }
  }

  /** The scope named in the body: {@code {"scope": NAME, ...}}. @throws BridgeException when there is none */
  private static String scope(Frame f) {
    JsonObject body = f.body.asJsonObject();
    Object name = body == null ? null : body.getValue("scope");
    if (!(name instanceof String) || !ScopeRules.NAME.matcher((String) name).matches()) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "the body needs \"scope\": a name of letters, digits, '_' and '-'");
    }
    return (String) name;
  }

  private static void join(Session<?> s, Frame f) {
    String scope = scope(f);
    ScopeRule rule = s.core().scopes().rules().rule(scope);
    if (!rule.mayJoin(s.access())) {
      throw new BridgeException(ErrorCode.ACCESS_DENIED, "may not join scope " + scope);
    }
    Object meta = f.body.asJsonObject().getValue("meta");
    if (meta != null && !(meta instanceof JsonObject)) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "\"meta\" must be an object");
    }
    Member m = new Member(s.id(), s.user(), s.core().node().name(), s.transport(), System.currentTimeMillis(), (JsonObject) meta);
    s.memberships().joining(scope, m);
    s.hold(s.core().scopes().join(scope, m), ar -> {
      if (ar.failed()) {
        s.memberships().failed(scope);
        refuse(s, f, ar.cause());
      } else if (!s.memberships().joined(scope, m)) {
        s.core().scopes().leave(scope, m);
      } else {
        s.reply(f, ar.result());
      }
    });
  }

  private static void leave(Session<?> s, Frame f) {
    String scope = scope(f);
    Member m = s.memberships().leaving(scope);
    s.hold(s.core().scopes().leave(scope, m), ar -> {
      if (ar.failed()) {
        refuse(s, f, ar.cause());
      } else {
        s.reply(f, new JsonObject().put("scope", scope).put("left", true));
      }
    });
  }

  private static void history(Session<?> s, Frame f) {
    String scope = scope(f);
    JsonObject body = f.body.asJsonObject();
    Object after = body.getValue("after", io.junction.scope.HistoryStore.OLDEST);
    Object limit = body.getValue("limit", DEFAULT_HISTORY_LIMIT);
    if (!(after instanceof Number) || !(limit instanceof Number)) {
      throw new BridgeException(ErrorCode.INVALID_FRAME, "\"after\" and \"limit\" must be numbers");
    }
    s.core().scopes().history(s.access(), scope, ((Number) after).longValue(), ((Number) limit).intValue()).onComplete(ar -> {
      if (ar.failed()) {
        s.onOwnLoop(() -> refuse(s, f, ar.cause()));
      } else {
        s.onOwnLoop(() -> s.replyRaw(f, ar.result()));
      }
    });
  }

  private static void answer(Session<?> s, Frame f, AsyncResult<JsonObject> ar) {
    s.onOwnLoop(() -> {
      if (ar.failed()) {
        refuse(s, f, ar.cause());
      } else {
        s.reply(f, ar.result());
      }
    });
  }

  private static void refuse(Session<?> s, Frame f, Throwable cause) {
    BridgeException e = cause instanceof BridgeException ? (BridgeException) cause
      : new BridgeException(ErrorCode.INTERNAL_ERROR, "the scope service failed: " + cause.getMessage());
    s.refuse(f, e.code(), e.detail());
  }
}
