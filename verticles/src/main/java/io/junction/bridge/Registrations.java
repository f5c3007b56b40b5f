package io.junction.bridge;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses one session registered: one {@link Subscription} each, counted against
 * {@code limits.max_registrations}, never twice, given back when the session ends. Runs on the session's event
 * loop.
 */
final class Registrations {

  private final BridgeCore core;
  private final Session<?> session;
  private final Map<String, Subscription> subscriptions = new HashMap<>();

  Registrations(BridgeCore core, Session<?> session) {
    this.core = core;
    this.session = session;
  }

  /** A register frame: the frames after it wait until the registration reached the cluster. */
  void register(Frame f) {
    if (subscriptions.containsKey(f.address)) {
      throw new BridgeException(ErrorCode.ADDRESS_ALREADY_REGISTERED, "already registered: " + f.address);
    }
    int max = core.limits().maxRegistrations();
    if (subscriptions.size() >= max) {
      throw new BridgeException(ErrorCode.TOO_MANY_REGISTRATIONS, "this connection holds " + subscriptions.size() + " registrations");
    }
    session.hold(subscribe(f.address), ar -> registered(f, ar));
  }

  /** Registers {@code address}; the future completes when it reached the cluster. @throws BridgeException if refused */
  Future<Void> subscribe(String address) {
    AccessPolicy.Grant grant = core.grantRegister(session.access(), address);
    Subscription sub = new Subscription(session, address, grant);
    subscriptions.put(address, sub);
    Future<Void> later = core.registerLater(session.access(), address);
    if (later == null) {
      return core.fanout().subscribe(sub);
    }
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    later.onComplete(ar -> session.onOwnLoop(() -> {
      if (ar.failed()) {
        done.fail(ar.cause());
      } else if (subscriptions.get(address) != sub) {
        done.fail(new BridgeException(ErrorCode.NOT_REGISTERED, "unregistered before the registration was allowed"));
      } else {
        core.fanout().subscribe(sub).onComplete(done);
      }
    }));
    return done.future();
  }

  private void registered(Frame f, AsyncResult<Void> ar) {
    if (ar.failed() && !session.isClosed()) {
      Subscription sub = subscriptions.remove(f.address);
      if (sub != null) {
        core.fanout().unsubscribe(sub);
      }
      if (ar.cause() instanceof BridgeException) {
        BridgeException e = (BridgeException) ar.cause();
        session.refuse(f, e.code(), e.detail());
        return;
      }
      session.refuse(f, ErrorCode.REGISTRATION_FAILED, "could not register " + f.address + ": " + ar.cause().getMessage());
    } else if (ar.succeeded()) {
      session.acknowledge(f, "registered");
    }
  }

  void unregister(String address) {
    Subscription sub = subscriptions.remove(address);
    if (sub == null) {
      throw new BridgeException(ErrorCode.NOT_REGISTERED, "not registered: " + address);
    }
    core.fanout().unsubscribe(sub);
  }

  /** Gives every registration back. */
  void releaseAll() {
    List<Subscription> subs = new ArrayList<>(subscriptions.values());
    subscriptions.clear();
    for (Subscription sub : subs) {
      core.fanout().unsubscribe(sub);
    }
  }
}
