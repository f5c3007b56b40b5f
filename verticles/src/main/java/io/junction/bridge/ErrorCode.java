package io.junction.bridge;

import java.util.HashMap;
import java.util.Map;

/**
 * The error registry: every error a client can see, with a stable string id and number that mean the same on
 * every transport (TCP, SockJS, WebSocket, HTTP).
 *
 * <p>Numbers are grouped: 1xxx a frame the hub cannot read, 2xxx access, 3xxx registrations, 4xxx limits,
 * 5xxx delivery on the bus, 6xxx the node itself, 7xxx HTTP routing, 8xxx jobs. {@link #closes()} tells whether the
 * connection is closed after the error is sent; {@link #retryable()} whether the same request may succeed later
 * (for a closed connection: whether reconnecting makes sense). WebSocket and SockJS closes use
 * {@link #closeCode()} with the error id as the reason.
 */
public enum ErrorCode {
  INVALID_JSON("invalid_json", 1001, 400, false, false, "the frame is not a JSON object"),
  MISSING_TYPE("missing_type", 1002, 400, false, false, "the frame has no type"),
  UNKNOWN_TYPE("unknown_type", 1003, 400, false, false, "the frame type is not one of send, publish, register, unregister, ping"),
  MISSING_ADDRESS("missing_address", 1004, 400, false, false, "the frame has no address"),
  INVALID_FRAME("invalid_frame", 1005, 400, false, false, "a field of the frame has the wrong type"),

  ACCESS_DENIED("access_denied", 2001, 403, false, false, "the access policy does not permit this address"),
  AUTH_FAILED("auth_failed", 2002, 401, false, false, "wrong user name, password or token"),
  TOO_MANY_ATTEMPTS("too_many_attempts", 2003, 429, false, true, "too many failed logins from this address or for this user"),
  ALREADY_LOGGED_IN("already_logged_in", 2004, 409, false, false, "this connection is logged in already (one login per connection)"),
  ORIGIN_NOT_ALLOWED("origin_not_allowed", 2005, 403, false, false, "the browser origin is not in http.allowed_origins"),
  LOGIN_REQUIRED("login_required", 2006, 401, false, false, "only a logged-in connection may do this"),

  ADDRESS_ALREADY_REGISTERED("address_already_registered", 3001, 409, false, false, "this connection already registered the address"),
  NOT_REGISTERED("not_registered", 3002, 409, false, false, "this connection has not registered the address"),
  REGISTRATION_FAILED("registration_failed", 3003, 503, false, true, "the cluster did not accept the registration"),
  ALREADY_JOINED("already_joined", 3004, 409, false, false, "this connection already joined the scope"),
  NOT_JOINED("not_joined", 3005, 409, false, false, "this connection has not joined the scope"),

  FRAME_TOO_LARGE("frame_too_large", 4001, 413, false, false, "the frame is larger than limits.max_frame_bytes"),
  INVALID_FRAME_LENGTH("invalid_frame_length", 4002, 400, true, false, "the TCP frame length is negative"),
  ADDRESS_TOO_LONG("address_too_long", 4003, 400, false, false, "the address is longer than limits.max_address_length"),
  TOO_MANY_REGISTRATIONS("too_many_registrations", 4004, 429, false, false, "the connection holds limits.max_registrations registrations"),
  TOO_MANY_REQUESTS("too_many_requests", 4005, 429, false, true, "the connection has limits.max_inflight_requests requests waiting for a reply"),
  SLOW_CONSUMER("slow_consumer", 4006, 503, true, true, "the client reads slower than messages arrive (limits.write_deadline_ms, limits.max_outbound_bytes)"),
  IDLE_TIMEOUT("idle_timeout", 4007, 408, true, true, "nothing received from the client within limits.idle_timeout_seconds"),
  TOO_MANY_PENDING_REPLIES("too_many_pending_replies", 4008, 503, false, true, "the client holds limits.max_pending_replies unanswered requests"),
  RATE_LIMITED("rate_limited", 4009, 429, false, true, "the connection sends more than limits.max_messages_per_second"),
  TOO_MANY_CONNECTIONS("too_many_connections", 4010, 503, true, true, "the node, the remote address or the user has too many connections"),
  SCOPE_FULL("scope_full", 4011, 429, false, true, "the scope holds its rule's max_members members"),
  TOO_MANY_SCOPES("too_many_scopes", 4012, 429, false, false, "the connection is in limits.max_scopes_per_connection scopes"),

  NO_HANDLERS("no_handlers", 5001, 404, false, true, "nobody handles the address"),
  TIMEOUT("timeout", 5002, 504, false, true, "no reply within the timeout"),
  RECIPIENT_FAILURE("recipient_failure", 5003, 502, false, false, "the recipient failed the request"),
  CONNECTION_CLOSED("connection_closed", 5004, 503, false, true, "the client that was asked closed its connection"),
  HISTORY_GONE("history_gone", 5005, 410, false, false, "the messages asked for are no longer kept"),

  SHUTTING_DOWN("shutting_down", 6001, 503, true, true, "the node is shutting down; reconnect to another node"),
  NOT_READY("not_ready", 6002, 503, true, true, "the node is still starting"),
  INTERNAL_ERROR("internal_error", 6003, 500, false, true, "the node failed to handle the frame"),

  NOT_FOUND("not_found", 7001, 404, false, false, "no such HTTP endpoint"),
  METHOD_NOT_ALLOWED("method_not_allowed", 7002, 405, false, false, "the endpoint does not take this HTTP method"),

  BAD_COMMAND("bad_command", 8001, 400, false, false, "no handler for the command, or its arguments are invalid"),
  UNKNOWN_TOKEN("unknown_token", 8002, 404, false, false, "no job with this token (never submitted, confirmed, expired, or another user's)"),
  TOKEN_CONFLICT("token_conflict", 8003, 409, false, false, "the token belongs to another job"),
  JOB_NOT_FINISHED("job_not_finished", 8004, 409, false, true, "the job is still busy: it cannot be confirmed yet"),
  QUEUE_FULL("queue_full", 8005, 429, false, true, "the command's queue holds jobs.queue jobs waiting");

  private static final Map<String, ErrorCode> BY_ID = new HashMap<>();

  static {
    for (ErrorCode c : values()) {
      BY_ID.put(c.id, c);
    }
  }

  private final String id;
  private final int code;
  private final int httpStatus;
  private final boolean closes;
  private final boolean retryable;
  private final String description;

  ErrorCode(String id, int code, int httpStatus, boolean closes, boolean retryable, String description) {
    this.id = id;
    this.code = code;
    this.httpStatus = httpStatus;
    this.closes = closes;
    this.retryable = retryable;
    this.description = description;
  }

  /** The stable string id, for example {@code access_denied}. */
  public String id() {
    return id;
  }

  /** The stable number, for example 2001. */
  public int code() {
    return code;
  }

  /** The HTTP status the HTTP API answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the hub closes the connection after sending this error. */
  public boolean closes() {
    return closes;
  }

  /** Whether the same request may succeed later without changes. */
  public boolean retryable() {
    return retryable;
  }

  /** One line for people: what happened. */
  public String description() {
    return description;
  }

  /** The WebSocket/SockJS close code used when this error closes a connection: 4000 + group * 100 + rank. */
  public int closeCode() {
    return 4000 + (code / 1000) * 100 + code % 100;
  }

  /** The code with this id, or {@code null}. */
  public static ErrorCode byId(String id) {
    return BY_ID.get(id);
  }
}
