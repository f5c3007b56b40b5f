package io.junction.http;

import io.junction.bridge.AccessPolicy;
import io.junction.bridge.BridgeCore;
import io.junction.bridge.BridgeException;
import io.junction.bridge.Principal;
import io.vertx.ext.web.RoutingContext;

/**
 * Who an HTTP request is: {@code Authorization: Bearer TOKEN} on any {@code /api} call (and {@code ?token=} on
 * {@code /api/subscribe}, since a browser's EventSource cannot set headers). A bad token is 401
 * {@code auth_failed}; no token is anonymous.
 */
final class Identity {

  private static final String KEY = "junction.principal";

  private Identity() {
  }

  /** Route handler: reads the bearer token into the request, or answers 401. */
  static void read(BridgeCore core, RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    String token = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    } else if (rc.request().path().startsWith("/api/subscribe/")) {
      token = rc.queryParams().get("token");
    }
    if (token != null) {
      try {
        rc.put(KEY, core.auth().verify(token));
      } catch (BridgeException e) {
        rc.response().putHeader("WWW-Authenticate", "Bearer");
        HttpErrors.send(rc, e);
        return;
      }
    }
    rc.next();
  }

  static Principal principal(RoutingContext rc) {
    return rc.get(KEY);
  }

  static String user(RoutingContext rc) {
    Principal p = principal(rc);
    return p == null ? null : p.user();
  }

  static AccessPolicy.Access access(BridgeCore core, RoutingContext rc) {
    Principal p = principal(rc);
    return p == null ? core.policy().anonymous() : core.policy().forUser(p.user(), p.roles());
  }
}
