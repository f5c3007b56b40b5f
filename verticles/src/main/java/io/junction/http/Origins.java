package io.junction.http;

import io.junction.bridge.ErrorCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser pages may use the node: a request that carries an {@code Origin} header (browsers add it) passes
 * when the origin is the node's own, or is listed, or the list holds {@code "*"}; else it gets 403
 * {@code origin_not_allowed}. Requests without an {@code Origin} (curl, servers, desktop clients) always pass: the
 * check protects browsers' users from other sites, it is not authentication. For {@code /api/*} listed origins get
 * CORS headers and preflight answers. Immutable.
 */
final class Origins {

  private static final String ANY = "*";

  private final Set<String> allowed;
  private final boolean any;
  private final String setting;

  Origins(List<String> allowed, String setting) {
    this.allowed = allowed.stream().map(Origins::normalize).collect(Collectors.toUnmodifiableSet());
    this.any = allowed.contains(ANY);
    this.setting = setting;
  }

  /** Checks a configured list: {@code "*"} or origins such as {@code https://app.example.com:8443}. */
  static List<String> check(List<String> origins) {
    for (String o : origins) {
      if (!o.equals(ANY) && !o.equals("null") && normalize(o) == null) {
        throw new IllegalArgumentException("\"" + o + "\" is not an origin (scheme://host[:port], no path) or \"*\"");
      }
    }
    return List.copyOf(origins);
  }

  /** {@code scheme://host:port} in lower case with the port spelled out, or null when not an origin. */
  static String normalize(String origin) {
    if (origin.equals("null")) {
      return origin;
    }
    try {
      URI u = new URI(origin);
      if (u.getScheme() == null || u.getHost() == null || (u.getRawPath() != null && !u.getRawPath().isEmpty())
        || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
        return null;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + (u.getPort() >= 0 ? u.getPort() : defaultPort(scheme));
    } catch (Exception e) {
      return null;
    }
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
  }

  /** Whether the request may pass: no Origin, the node's own, or a permitted one. */
  boolean permits(HttpServerRequest req) {
    String origin = req.getHeader("Origin");
    return origin == null || any || sameOrigin(req, origin) || allowed.contains(normalize(origin));
  }

  private static boolean sameOrigin(HttpServerRequest req, String origin) {
    HostAndPort authority = req.authority();
    if (authority == null) {
      return false;
    }
    String scheme = req.isSSL() ? "https" : "http";
    int port = authority.port() >= 0 ? authority.port() : defaultPort(scheme);
    return (scheme + "://" + authority.host().toLowerCase(Locale.ROOT) + ":" + port).equals(normalize(origin));
  }

  /** Route handler for {@code /eventbus}: refuses pages from other origins before SockJS or WebSocket starts. */
  void gate(RoutingContext rc) {
    if (permits(rc.request())) {
      rc.next();
    } else {
      refuse(rc);
    }
  }

  /** Route handler for {@code /api/*}: CORS headers for permitted origins, preflights answered, others refused. */
  void cors(RoutingContext rc) {
    HttpServerRequest req = rc.request();
    String origin = req.getHeader("Origin");
    if (origin == null || sameOrigin(req, origin)) {
      rc.next();
      return;
    }
    if (!permits(req)) {
      refuse(rc);
      return;
    }
    rc.response().putHeader("Access-Control-Allow-Origin", any ? ANY : origin).putHeader("Vary", "Origin");
    if (req.method() == HttpMethod.OPTIONS && req.getHeader("Access-Control-Request-Method") != null) {
      rc.response().putHeader("Access-Control-Allow-Methods", "GET, POST")
        .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
        .putHeader("Access-Control-Max-Age", "600")
        .setStatusCode(204).end();
      return;
    }
    rc.next();
  }

  private void refuse(RoutingContext rc) {
    HttpErrors.send(rc, ErrorCode.ORIGIN_NOT_ALLOWED, "pages from " + rc.request().getHeader("Origin")
      + " may not use this node; add the origin to " + setting);
  }
}
