package io.junction.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

import java.util.Map;

/**
 * The last login of each user (time, remote address, node, transport), in a cluster-wide map, for admins. Writes
 * are fire-and-forget: a login never waits for them. Thread-safe.
 */
public final class LastLogins {

  public static final String MAP = "hub.auth.logins";

  private final Future<AsyncMap<String, JsonObject>> map;
  private final String node;

  public LastLogins(Vertx vertx, String node) {
    this.map = vertx.sharedData().getAsyncMap(MAP);
    this.node = node;
  }

  void record(String user, String remoteHost, String transport) {
    JsonObject entry = new JsonObject().put("time", System.currentTimeMillis()).put("remote", remoteHost)
      .put("node", node).put("transport", transport);
    map.onSuccess(m -> m.put(user, entry));
  }

  /** Every recorded login by user name. */
  public Future<Map<String, JsonObject>> all() {
    return map.compose(AsyncMap::entries);
  }
}
