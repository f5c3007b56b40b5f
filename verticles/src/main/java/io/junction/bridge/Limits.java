package io.junction.bridge;

import io.vertx.core.json.JsonObject;

/**
 * Per-connection limits shared by every transport (config section {@code limits}). Each limit has a default
 * here, a key in {@code conf/hub.json}, and an error id in {@link ErrorCode}. Setters reject values out of range.
 */
public final class Limits {

  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_REGISTRATIONS = 1000;
  public static final int DEFAULT_MAX_ADDRESS_LENGTH = 200;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
  public static final int DEFAULT_OUTBOUND_BUFFER_BYTES = 1024 * 1024;
  public static final SlowConsumerPolicy DEFAULT_SLOW_CONSUMER = SlowConsumerPolicy.DISCONNECT;
  public static final int DEFAULT_WRITE_DEADLINE_MS = 5000;
  public static final long DEFAULT_MAX_OUTBOUND_BYTES = 64L * 1024 * 1024;
  /** 0: a quarter of the JVM's maximum heap. */
  public static final long DEFAULT_NODE_OUTBOUND_BYTES = 0;
  public static final int DEFAULT_MAX_INFLIGHT_REQUESTS = 1000;
  public static final int DEFAULT_MAX_PENDING_REPLIES = 1000;
  public static final int DEFAULT_REPLY_TIMEOUT_MS = 30_000;
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 1000;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 100;
  /** 0: no limit. */
  public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 0;
  public static final int DEFAULT_MAX_SCOPES_PER_CONNECTION = 100;

  private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
  private int maxRegistrations = DEFAULT_MAX_REGISTRATIONS;
  private int maxAddressLength = DEFAULT_MAX_ADDRESS_LENGTH;
  private int idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS;
  private int outboundBufferBytes = DEFAULT_OUTBOUND_BUFFER_BYTES;
  private SlowConsumerPolicy slowConsumer = DEFAULT_SLOW_CONSUMER;
  private int writeDeadlineMs = DEFAULT_WRITE_DEADLINE_MS;
  private long maxOutboundBytes = DEFAULT_MAX_OUTBOUND_BYTES;
  private long nodeOutboundBytes = DEFAULT_NODE_OUTBOUND_BYTES;
  private int maxInflightRequests = DEFAULT_MAX_INFLIGHT_REQUESTS;
  private int maxPendingReplies = DEFAULT_MAX_PENDING_REPLIES;
  private int replyTimeoutMs = DEFAULT_REPLY_TIMEOUT_MS;
  private int maxConnections = DEFAULT_MAX_CONNECTIONS;
  private int maxConnectionsPerIp = DEFAULT_MAX_CONNECTIONS_PER_IP;
  private int maxConnectionsPerUser = DEFAULT_MAX_CONNECTIONS_PER_USER;
  private int maxMessagesPerSecond = DEFAULT_MAX_MESSAGES_PER_SECOND;
  private int maxScopesPerConnection = DEFAULT_MAX_SCOPES_PER_CONNECTION;

  public Limits() {
  }

  public Limits(Limits other) {
    this(other.toJson(), new Problems());
  }

  /** Reads the keys present in {@code json}; a rejected value is recorded in {@code problems} as {@code limits.KEY: why}. */
  public Limits(JsonObject json, Problems problems) {
    read(json, problems, "max_frame_bytes", v -> setMaxFrameBytes((Integer) v));
    read(json, problems, "max_registrations", v -> setMaxRegistrations((Integer) v));
    read(json, problems, "max_address_length", v -> setMaxAddressLength((Integer) v));
    read(json, problems, "idle_timeout_seconds", v -> setIdleTimeoutSeconds((Integer) v));
    read(json, problems, "outbound_buffer_bytes", v -> setOutboundBufferBytes((Integer) v));
    read(json, problems, "slow_consumer", v -> setSlowConsumer(SlowConsumerPolicy.parse((String) v)));
    read(json, problems, "write_deadline_ms", v -> setWriteDeadlineMs((Integer) v));
    read(json, problems, "max_outbound_bytes", v -> setMaxOutboundBytes(((Number) v).longValue()));
    read(json, problems, "node_outbound_bytes", v -> setNodeOutboundBytes(((Number) v).longValue()));
    read(json, problems, "max_inflight_requests", v -> setMaxInflightRequests((Integer) v));
    read(json, problems, "max_pending_replies", v -> setMaxPendingReplies((Integer) v));
    read(json, problems, "reply_timeout_ms", v -> setReplyTimeoutMs((Integer) v));
    read(json, problems, "max_connections", v -> setMaxConnections((Integer) v));
    read(json, problems, "max_connections_per_ip", v -> setMaxConnectionsPerIp((Integer) v));
    read(json, problems, "max_connections_per_user", v -> setMaxConnectionsPerUser((Integer) v));
    read(json, problems, "max_messages_per_second", v -> setMaxMessagesPerSecond((Integer) v));
    read(json, problems, "max_scopes_per_connection", v -> setMaxScopesPerConnection((Integer) v));
  }

  private static void read(JsonObject json, Problems problems, String key, java.util.function.Consumer<Object> setter) {
    if (json.containsKey(key)) {
      problems.check("limits." + key, () -> setter.accept(json.getValue(key)));
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
      .put("max_frame_bytes", maxFrameBytes)
      .put("max_registrations", maxRegistrations)
      .put("max_address_length", maxAddressLength)
      .put("idle_timeout_seconds", idleTimeoutSeconds)
      .put("outbound_buffer_bytes", outboundBufferBytes)
      .put("slow_consumer", slowConsumer.configName())
      .put("write_deadline_ms", writeDeadlineMs)
      .put("max_outbound_bytes", maxOutboundBytes)
      .put("node_outbound_bytes", nodeOutboundBytes)
      .put("max_inflight_requests", maxInflightRequests)
      .put("max_pending_replies", maxPendingReplies)
      .put("reply_timeout_ms", replyTimeoutMs)
      .put("max_connections", maxConnections)
      .put("max_connections_per_ip", maxConnectionsPerIp)
      .put("max_connections_per_user", maxConnectionsPerUser)
      .put("max_messages_per_second", maxMessagesPerSecond)
      .put("max_scopes_per_connection", maxScopesPerConnection);
  }

  /** Scopes one connection may be a member of at once. */
  public int maxScopesPerConnection() {
    return maxScopesPerConnection;
  }

  public Limits setMaxScopesPerConnection(int v) {
    maxScopesPerConnection = Problems.range(v, 1, 100_000);
    return this;
  }

  /** Largest frame (TCP) or message (SockJS, WebSocket) or request body (HTTP) in bytes. */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  public Limits setMaxFrameBytes(int v) {
    maxFrameBytes = Problems.range(v, 1024, 64 * 1024 * 1024);
    return this;
  }

  /** Registrations one connection may hold at once. */
  public int maxRegistrations() {
    return maxRegistrations;
  }

  public Limits setMaxRegistrations(int v) {
    maxRegistrations = Problems.range(v, 1, 1_000_000);
    return this;
  }

  /** Longest address (and reply address) accepted, in characters. */
  public int maxAddressLength() {
    return maxAddressLength;
  }

  public Limits setMaxAddressLength(int v) {
    maxAddressLength = Problems.range(v, 16, 65_536);
    return this;
  }

  /** Seconds without any frame from a bridge client (pings count) before it is closed; 0 turns the check off. */
  public int idleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }

  public Limits setIdleTimeoutSeconds(int v) {
    idleTimeoutSeconds = Problems.range(v, 0, 86_400);
    return this;
  }

  /**
   * The soft limit: bytes that may wait to be written to one client. A client whose queue stays above it for
   * longer than {@link #writeDeadlineMs()} is a slow consumer.
   */
  public int outboundBufferBytes() {
    return outboundBufferBytes;
  }

  public Limits setOutboundBufferBytes(int v) {
    outboundBufferBytes = Problems.range(v, 1024, 1024 * 1024 * 1024);
    return this;
  }

  /**
   * How long a client's queue may stay above {@link #outboundBufferBytes()} before the slow-consumer policy
   * applies, in milliseconds; 0 applies it as soon as the queue passes the soft limit.
   */
  public int writeDeadlineMs() {
    return writeDeadlineMs;
  }

  public Limits setWriteDeadlineMs(int v) {
    writeDeadlineMs = Problems.range(v, 0, 600_000);
    return this;
  }

  /**
   * The hard cap: a client whose queue reaches this many bytes is a slow consumer at once, whatever the deadline.
   * Never below {@link #outboundBufferBytes()} (a smaller value acts as the soft limit).
   */
  public long maxOutboundBytes() {
    return maxOutboundBytes;
  }

  public Limits setMaxOutboundBytes(long v) {
    maxOutboundBytes = Problems.range(v, 1024L, 1L << 40);
    return this;
  }

  /**
   * The node's budget: the sum of every client's queue. While it is spent, a client above its soft limit is a slow
   * consumer at once; clients under their soft limit still get their messages. 0 (the default) means a quarter of
   * the JVM's maximum heap.
   */
  public long nodeOutboundBytes() {
    return nodeOutboundBytes;
  }

  /** {@link #nodeOutboundBytes()} with 0 resolved. */
  public long nodeOutboundBudget() {
    return nodeOutboundBytes > 0 ? nodeOutboundBytes : Runtime.getRuntime().maxMemory() / 4;
  }

  public Limits setNodeOutboundBytes(long v) {
    nodeOutboundBytes = v == 0 ? 0 : Problems.range(v, 1024L * 1024, 1L << 50);
    return this;
  }

  public SlowConsumerPolicy slowConsumer() {
    return slowConsumer;
  }

  public Limits setSlowConsumer(SlowConsumerPolicy v) {
    if (v == null) {
      throw new IllegalArgumentException("slow_consumer must be set");
    }
    slowConsumer = v;
    return this;
  }

  /** Requests one connection may have waiting for a reply. */
  public int maxInflightRequests() {
    return maxInflightRequests;
  }

  public Limits setMaxInflightRequests(int v) {
    maxInflightRequests = Problems.range(v, 1, 1_000_000);
    return this;
  }

  /** Requests from the bus one connection may hold unanswered. */
  public int maxPendingReplies() {
    return maxPendingReplies;
  }

  public Limits setMaxPendingReplies(int v) {
    maxPendingReplies = Problems.range(v, 1, 1_000_000);
    return this;
  }

  /** Default and longest wait for a reply, in milliseconds (a {@code timeout} header may ask for less). */
  public int replyTimeoutMs() {
    return replyTimeoutMs;
  }

  public Limits setReplyTimeoutMs(int v) {
    replyTimeoutMs = Problems.range(v, 100, 3_600_000);
    return this;
  }

  /** Connections a node takes ({@code too_many_connections}). */
  public int maxConnections() {
    return maxConnections;
  }

  public Limits setMaxConnections(int v) {
    maxConnections = Problems.range(v, 1, 10_000_000);
    return this;
  }

  /** Connections from one remote IP address ({@code too_many_connections}). */
  public int maxConnectionsPerIp() {
    return maxConnectionsPerIp;
  }

  public Limits setMaxConnectionsPerIp(int v) {
    maxConnectionsPerIp = Problems.range(v, 1, 10_000_000);
    return this;
  }

  /** Connections logged in as one user ({@code too_many_connections} at login). */
  public int maxConnectionsPerUser() {
    return maxConnectionsPerUser;
  }

  public Limits setMaxConnectionsPerUser(int v) {
    maxConnectionsPerUser = Problems.range(v, 1, 10_000_000);
    return this;
  }

  /**
   * Frames (publish, send, register, unregister) one connection may send per second, with a burst of as many;
   * 0 turns the limit off ({@code rate_limited}).
   */
  public int maxMessagesPerSecond() {
    return maxMessagesPerSecond;
  }

  public Limits setMaxMessagesPerSecond(int v) {
    maxMessagesPerSecond = Problems.range(v, 0, 100_000_000);
    return this;
  }
}
