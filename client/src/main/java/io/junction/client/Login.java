package io.junction.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Logs each new connection in, before anything else is sent on it (subscriptions, buffered messages): with the
 * configured token, or with the password; on a reconnect, with the token of the last login first while it has
 * more than a minute left, which spares the hub a password check per reconnecting client. Thread-safe.
 */
final class Login {

  static final String ADDRESS = "hub.auth.login";
  private static final String REPLY = "junction.login";
  private static final long TOKEN_MARGIN_SECONDS = 60;

  private final Options options;
  private volatile Identity identity;

  Login(Options options) {
    this.options = options;
  }

  Identity identity() {
    return identity;
  }

  /**
   * Logs {@code link} in, if the options say so.
   *
   * @throws JunctionException the hub's refusal ({@code auth_failed}, {@code too_many_attempts}, ...)
   * @throws IOException       the connection failed meanwhile
   */
  void logIn(Link link) throws IOException {
    if (!options.logsIn()) {
      return;
    }
    int timeout = (int) options.requestTimeout().toMillis();
    if (options.token() != null) {
      identity = attempt(link, token(options.token().get()), timeout);
      return;
    }
    Identity last = identity;
    if (last != null && last.token() != null && last.expiresAt() - TOKEN_MARGIN_SECONDS > System.currentTimeMillis() / 1000) {
      try {
        identity = attempt(link, token(last.token()), timeout);
        return;
      } catch (JunctionException refused) {
        if (refused.errorId() != ErrorId.AUTH_FAILED) {
          throw refused;
        }
        // the token is no longer good (a cluster that restarted with a random secret): use the password
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", options.user());
    body.put("password", options.password());
    identity = attempt(link, body, timeout);
  }

  private static Map<String, Object> token(String token) {
    if (token == null || token.isEmpty()) {
      throw new JunctionException(ErrorId.AUTH_FAILED, "the token supplier gave no token");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    return body;
  }

  private static Identity attempt(Link link, Map<String, Object> body, int timeoutMs) throws IOException {
    Frames.Incoming reply = link.exchange(Frames.send(ADDRESS, body, null, REPLY), timeoutMs);
    if ("err".equals(reply.type)) {
      throw reply.toException();
    }
    if (!"message".equals(reply.type)) {
      throw new IOException("the hub answered the login with a " + reply.type + " frame");
    }
    JsonNode b = Frames.MAPPER.readTree(reply.body);
    List<String> roles = new ArrayList<>();
    for (JsonNode r : b.path("roles")) {
      roles.add(r.asText());
    }
    JsonNode token = b.get("token");
    return new Identity(b.path("user").asText(), roles, token == null || token.isNull() ? null : token.asText(),
      b.path("expiresAt").asLong(0));
  }
}
