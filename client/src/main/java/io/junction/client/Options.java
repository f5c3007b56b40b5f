package io.junction.client;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * How a {@link JunctionClient} connects: immutable, made with {@link #builder()}. Every setting has a default;
 * the builder rejects bad values with {@link IllegalArgumentException}.
 */
public final class Options {

  public static final String DEFAULT_SERVER = "tcp://127.0.0.1:7000";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_PINGS_OUT = 2;
  public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofMillis(250);
  public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(5);
  public static final int DEFAULT_MAX_RECONNECTS = -1;
  public static final long DEFAULT_RECONNECT_BUFFER_BYTES = 8L * 1024 * 1024;
  public static final long DEFAULT_WRITE_BUFFER_BYTES = 8L * 1024 * 1024;

  private final List<URI> servers;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration pingInterval;
  private final int maxPingsOut;
  private final Duration reconnectDelay;
  private final Duration maxReconnectDelay;
  private final int maxReconnects;
  private final long reconnectBufferBytes;
  private final long writeBufferBytes;
  private final SSLContext sslContext;
  private final Executor executor;
  private final ConnectionListener connectionListener;
  private final ErrorListener errorListener;
  private final String user;
  private final String password;
  private final Supplier<String> token;

  private Options(Builder b) {
    servers = Collections.unmodifiableList(new ArrayList<>(b.servers.isEmpty() ? parse(DEFAULT_SERVER) : b.servers));
    connectTimeout = b.connectTimeout;
    requestTimeout = b.requestTimeout;
    pingInterval = b.pingInterval;
    maxPingsOut = b.maxPingsOut;
    reconnectDelay = b.reconnectDelay;
    maxReconnectDelay = b.maxReconnectDelay;
    maxReconnects = b.maxReconnects;
    reconnectBufferBytes = b.reconnectBufferBytes;
    writeBufferBytes = b.writeBufferBytes;
    sslContext = b.sslContext;
    executor = b.executor;
    connectionListener = b.connectionListener;
    errorListener = b.errorListener;
    user = b.user;
    password = b.password;
    token = b.token;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The servers to connect to, tried in order; {@code tcp://host:port} or {@code tls://host:port}. */
  public List<URI> servers() {
    return servers;
  }

  /** Longest wait for one TCP (and TLS) connection to open. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Default time a request waits for its reply ({@code timeout}). */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How often the client pings; a connection is dead after {@link #maxPingsOut()} pings without a pong. */
  public Duration pingInterval() {
    return pingInterval;
  }

  public int maxPingsOut() {
    return maxPingsOut;
  }

  /** Base of the full-jitter reconnect backoff: attempt n waits a random time up to base × 2ⁿ. */
  public Duration reconnectDelay() {
    return reconnectDelay;
  }

  /** Cap of the reconnect backoff. */
  public Duration maxReconnectDelay() {
    return maxReconnectDelay;
  }

  /** Reconnect attempts before the client closes; -1 (the default) tries forever. */
  public int maxReconnects() {
    return maxReconnects;
  }

  /** Bytes of messages kept while disconnected; past it, calls fail with {@link ErrorId#BUFFER_FULL}. */
  public long reconnectBufferBytes() {
    return reconnectBufferBytes;
  }

  /** Bytes waiting to be written while connected; past it, publishing blocks until the socket catches up. */
  public long writeBufferBytes() {
    return writeBufferBytes;
  }

  /** TLS for {@code tls://} servers, or {@code null} for the JVM's default context. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** Where handlers, listeners and request futures run, or {@code null} for the client's own dispatcher thread. */
  public Executor executor() {
    return executor;
  }

  public ConnectionListener connectionListener() {
    return connectionListener;
  }

  public ErrorListener errorListener() {
    return errorListener;
  }

  /** The user the client logs in as with a password, or {@code null}. */
  public String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** Where the client gets a token to log in with, or {@code null}. */
  public Supplier<String> token() {
    return token;
  }

  /** Whether the client logs in after each connect. */
  public boolean logsIn() {
    return user != null || token != null;
  }

  static List<URI> parse(String server) {
    URI uri;
    try {
      uri = URI.create(server.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a server URL: \"" + server + "\" (use tcp://host:port or tls://host:port)");
    }
    if (!"tcp".equals(uri.getScheme()) && !"tls".equals(uri.getScheme())) {
      throw new IllegalArgumentException("unsupported server \"" + server + "\": use tcp://host:port or tls://host:port");
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
      throw new IllegalArgumentException("server \"" + server + "\" needs a host and a port (tcp://host:port)");
    }
    return Collections.singletonList(uri);
  }

  /** Builds {@link Options}; not thread-safe. */
  public static final class Builder {
    private final List<URI> servers = new ArrayList<>();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private int maxPingsOut = DEFAULT_MAX_PINGS_OUT;
    private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
    private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
    private int maxReconnects = DEFAULT_MAX_RECONNECTS;
    private long reconnectBufferBytes = DEFAULT_RECONNECT_BUFFER_BYTES;
    private long writeBufferBytes = DEFAULT_WRITE_BUFFER_BYTES;
    private SSLContext sslContext;
    private Executor executor;
    private ConnectionListener connectionListener;
    private ErrorListener errorListener;
    private String user;
    private String password;
    private Supplier<String> token;

    private Builder() {
    }

    /**
     * Logs in as {@code user} with {@code password} after every connect and reconnect (on a reconnect, with the
     * token of the last login first while it is valid). Replaces a {@link #token} setting.
     */
    public Builder user(String user, String password) {
      if (user == null || user.isEmpty() || password == null) {
        throw new IllegalArgumentException("user needs a name and a password");
      }
      this.user = user;
      this.password = password;
      this.token = null;
      return this;
    }

    /** Logs in with {@code token} (a JWT, for example from the application's backend) after every connect. */
    public Builder token(final String token) {
      if (token == null || token.isEmpty()) {
        throw new IllegalArgumentException("token must not be empty");
      }
      return token(new Supplier<String>() {
        @Override
        public String get() {
          return token;
        }
      });
    }

    /**
     * Logs in with a token from {@code supplier} after every connect and reconnect: the supplier may fetch a
     * fresh one from the application's backend (it runs on the connecting thread; it may block). Replaces a
     * {@link #user} setting.
     */
    public Builder token(Supplier<String> supplier) {
      if (supplier == null) {
        throw new IllegalArgumentException("the token supplier must not be null");
      }
      this.token = supplier;
      this.user = null;
      this.password = null;
      return this;
    }

    /** Adds a server ({@code tcp://host:port} or {@code tls://host:port}); without any, {@value #DEFAULT_SERVER}. */
    public Builder server(String url) {
      servers.addAll(parse(url));
      return this;
    }

    public Builder connectTimeout(Duration d) {
      connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    public Builder requestTimeout(Duration d) {
      requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    public Builder pingInterval(Duration d) {
      pingInterval = positive(d, "pingInterval");
      return this;
    }

    public Builder maxPingsOut(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxPingsOut must be at least 1, got " + n);
      }
      maxPingsOut = n;
      return this;
    }

    public Builder reconnectDelay(Duration base, Duration max) {
      reconnectDelay = positive(base, "reconnectDelay");
      maxReconnectDelay = positive(max, "maxReconnectDelay");
      if (max.compareTo(base) < 0) {
        throw new IllegalArgumentException("maxReconnectDelay must not be less than reconnectDelay");
      }
      return this;
    }

    /** Attempts before giving up (then the client closes); -1 tries forever, 0 never reconnects. */
    public Builder maxReconnects(int n) {
      if (n < -1) {
        throw new IllegalArgumentException("maxReconnects must be -1 (forever) or more, got " + n);
      }
      maxReconnects = n;
      return this;
    }

    public Builder reconnectBufferBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("reconnectBufferBytes must not be negative");
      }
      reconnectBufferBytes = bytes;
      return this;
    }

    public Builder writeBufferBytes(long bytes) {
      if (bytes < 64 * 1024) {
        throw new IllegalArgumentException("writeBufferBytes must be at least 65536");
      }
      writeBufferBytes = bytes;
      return this;
    }

    public Builder sslContext(SSLContext context) {
      sslContext = context;
      return this;
    }

    /**
     * Runs handlers, listeners and request futures on {@code executor} (for example Android's main thread). Use
     * a direct executor ({@code Runnable::run}) only with handlers that never block: they then run on the
     * connection's reader thread.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    public Builder connectionListener(ConnectionListener listener) {
      connectionListener = listener;
      return this;
    }

    public Builder errorListener(ErrorListener listener) {
      errorListener = listener;
      return this;
    }

    public Options build() {
      return new Options(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
