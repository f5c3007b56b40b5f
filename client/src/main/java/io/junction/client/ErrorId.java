package io.junction.client;

import java.util.HashMap;
import java.util.Map;

/**
 * Every error a client can meet, with the hub's stable string id and number (see the README's error table), and
 * the client's own (9xxx) for what happens on this side of the socket.
 */
public enum ErrorId {
  INVALID_JSON("invalid_json", 1001),
  MISSING_TYPE("missing_type", 1002),
  UNKNOWN_TYPE("unknown_type", 1003),
  MISSING_ADDRESS("missing_address", 1004),
  INVALID_FRAME("invalid_frame", 1005),
  ACCESS_DENIED("access_denied", 2001),
  /** Wrong user name, password or token (the hub does not say which). */
  AUTH_FAILED("auth_failed", 2002),
  /** Too many failed logins from this address or for this user; wait and try again. */
  TOO_MANY_ATTEMPTS("too_many_attempts", 2003),
  ALREADY_LOGGED_IN("already_logged_in", 2004),
  ORIGIN_NOT_ALLOWED("origin_not_allowed", 2005),
  LOGIN_REQUIRED("login_required", 2006),
  ADDRESS_ALREADY_REGISTERED("address_already_registered", 3001),
  NOT_REGISTERED("not_registered", 3002),
  REGISTRATION_FAILED("registration_failed", 3003),
  ALREADY_JOINED("already_joined", 3004),
  NOT_JOINED("not_joined", 3005),
  FRAME_TOO_LARGE("frame_too_large", 4001),
  INVALID_FRAME_LENGTH("invalid_frame_length", 4002),
  ADDRESS_TOO_LONG("address_too_long", 4003),
  TOO_MANY_REGISTRATIONS("too_many_registrations", 4004),
  TOO_MANY_REQUESTS("too_many_requests", 4005),
  SLOW_CONSUMER("slow_consumer", 4006),
  IDLE_TIMEOUT("idle_timeout", 4007),
  TOO_MANY_PENDING_REPLIES("too_many_pending_replies", 4008),
  RATE_LIMITED("rate_limited", 4009),
  TOO_MANY_CONNECTIONS("too_many_connections", 4010),
  /** The scope has as many members as its rule allows. */
  SCOPE_FULL("scope_full", 4011),
  TOO_MANY_SCOPES("too_many_scopes", 4012),
  NO_HANDLERS("no_handlers", 5001),
  /** No reply in time: reported by the hub, or by the client when its own request timeout ends first. */
  TIMEOUT("timeout", 5002),
  RECIPIENT_FAILURE("recipient_failure", 5003),
  CONNECTION_CLOSED("connection_closed", 5004),
  /** The scope no longer keeps the messages asked for (or keeps none): some were lost. */
  HISTORY_GONE("history_gone", 5005),
  SHUTTING_DOWN("shutting_down", 6001),
  NOT_READY("not_ready", 6002),
  INTERNAL_ERROR("internal_error", 6003),
  NOT_FOUND("not_found", 7001),
  METHOD_NOT_ALLOWED("method_not_allowed", 7002),
  /** The command has no handler, or its arguments are invalid. */
  BAD_COMMAND("bad_command", 8001),
  /** No such job (or not this user's). */
  UNKNOWN_TOKEN("unknown_token", 8002),
  TOKEN_CONFLICT("token_conflict", 8003),
  JOB_NOT_FINISHED("job_not_finished", 8004),
  QUEUE_FULL("queue_full", 8005),

  /** No server of the list could be reached. */
  CONNECT_FAILED("connect_failed", 9001),
  /** The connection was lost after the request was sent, so its reply cannot come. */
  CONNECTION_LOST("connection_lost", 9002),
  /** Disconnected, and the reconnect buffer ({@code Options.reconnectBufferBytes}) is full. */
  BUFFER_FULL("buffer_full", 9003),
  /** The client is closed. */
  CLIENT_CLOSED("client_closed", 9004),
  /** An error id this client version does not know (from a newer hub). */
  UNKNOWN("unknown", 9999);

  private static final Map<String, ErrorId> BY_ID = new HashMap<>();

  static {
    for (ErrorId e : values()) {
      BY_ID.put(e.id, e);
    }
  }

  private final String id;
  private final int code;

  ErrorId(String id, int code) {
    this.id = id;
    this.code = code;
  }

  /** The string id, as in error frames and the README. */
  public String id() {
    return id;
  }

  /** The number, as in error frames and the README. */
  public int code() {
    return code;
  }

  /** The error with this string id, or {@link #UNKNOWN}. */
  public static ErrorId of(String id) {
    ErrorId e = id == null ? null : BY_ID.get(id);
    return e == null ? UNKNOWN : e;
  }
}
