package io.junction.bridge;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The TLS listener of an endpoint (config section {@code <endpoint>.tls}): {@code enabled}, its own {@code port},
 * the server's {@code cert_file} and {@code key_file} (PEM; the certificate file may hold the chain), and
 * {@code client_auth} ({@code none}, {@code request} or {@code required}) with {@code ca_file}, the PEM
 * certificates that client certificates must chain to. The plain listener is the endpoint's own {@code enabled}.
 */
public final class TlsOptions {

  public enum ClientAuthMode { NONE, REQUEST, REQUIRED }

  private final String section;
  private boolean enabled;
  private int port;
  private String certFile = "";
  private String keyFile = "";
  private ClientAuthMode clientAuth = ClientAuthMode.NONE;
  private String caFile = "";

  public TlsOptions(String section, int defaultPort) {
    this.section = section;
    this.port = defaultPort;
  }

  /** Reads the keys present in {@code json}; problems one line each, prefixed with the key. */
  public void read(JsonObject json, Problems problems) {
    problems.check(section + ".enabled", () -> enabled = json.getBoolean("enabled", enabled));
    problems.check(section + ".port", () -> setPort(json.getInteger("port", port)));
    problems.check(section + ".cert_file", () -> certFile = json.getString("cert_file", certFile));
    problems.check(section + ".key_file", () -> keyFile = json.getString("key_file", keyFile));
    problems.check(section + ".ca_file", () -> caFile = json.getString("ca_file", caFile));
    problems.check(section + ".client_auth", () -> setClientAuth(json.getString("client_auth", configName(clientAuth))));
    if (!enabled) {
      return;
    }
    requireFile(problems, "cert_file", certFile, "the server certificate (PEM)");
    requireFile(problems, "key_file", keyFile, "the server's private key (PEM)");
    if (clientAuth != ClientAuthMode.NONE) {
      requireFile(problems, "ca_file", caFile, "the CA certificates client certificates must chain to (PEM)");
    }
  }

  private void requireFile(Problems problems, String key, String path, String what) {
    if (path.isEmpty()) {
      problems.add(section + "." + key + ": " + section + ".enabled is true and needs " + what);
    } else if (!Files.isReadable(Path.of(path))) {
      problems.add(section + "." + key + ": cannot read " + path);
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("enabled", enabled).put("port", port).put("cert_file", certFile)
      .put("key_file", keyFile).put("client_auth", configName(clientAuth)).put("ca_file", caFile);
  }

  private static String configName(ClientAuthMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  /** Makes {@code options} a TLS server with these files. */
  public <T extends NetServerOptions> T apply(T options) {
    options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(certFile).setKeyPath(keyFile));
    if (clientAuth != ClientAuthMode.NONE) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(caFile));
      options.setClientAuth(clientAuth == ClientAuthMode.REQUIRED ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
    }
    return options;
  }

  public boolean enabled() {
    return enabled;
  }

  /** Turns the TLS listener on with a certificate and its key (PEM files). */
  public TlsOptions enable(String certFile, String keyFile) {
    this.enabled = true;
    this.certFile = certFile;
    this.keyFile = keyFile;
    return this;
  }

  public int port() {
    return port;
  }

  public TlsOptions setPort(int port) {
    this.port = EndpointOptions.checkPort(port);
    return this;
  }

  public ClientAuthMode clientAuth() {
    return clientAuth;
  }

  public TlsOptions setClientAuth(String mode) {
    try {
      clientAuth = ClientAuthMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be none, request or required, got \"" + mode + "\"");
    }
    return this;
  }

  /** Requires (or requests) client certificates that chain to the PEM certificates in {@code caFile}. */
  public TlsOptions requireClientCertificates(ClientAuthMode mode, String caFile) {
    this.clientAuth = mode;
    this.caFile = caFile;
    return this;
  }
}
