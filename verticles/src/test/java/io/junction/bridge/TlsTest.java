package io.junction.bridge;

import io.junction.testing.TcpClient;
import io.junction.testing.TestCerts;
import io.junction.testing.TestHub;
import io.junction.testing.WsClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS on the TCP and HTTP endpoints with the plain listeners off, from PEM files made when the test runs; and
 * client certificates required on a second hub.
 */
@Timeout(60)
class TlsTest {

  static final TestCerts certs = TestCerts.get();
  static TestHub hub;

  @BeforeAll
  static void start() {
    hub = TestHub.with(s -> {
      s.tcp.setEnabled(false);
      s.tcp.tls().enable(certs.serverCert.toString(), certs.serverKey.toString()).setPort(0);
      s.http.setEnabled(false);
      s.http.tls().enable(certs.serverCert.toString(), certs.serverKey.toString()).setPort(0);
    });
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void tcpOverTlsCarriesTheBridgeProtocol() throws Exception {
    assertEquals(-1, hub.port("tcp"), "the plain TCP listener is off");
    try (TcpClient c = TcpClient.tls(hub.port("tcp_tls"), certs.clientContext(null, null))) {
      c.login("alice", TestHub.password("alice"));
      c.register("user.alice").sync();
      c.request("hub.echo", "over tls", "r");
      assertEquals("over tls", c.next().getString("body"));
    }
  }

  @Test
  void aPlainClientOnTheTlsPortGetsNothingAndIsClosed() {
    try (TcpClient plain = TcpClient.connect(hub.port("tcp_tls"))) {
      plain.ping();
      assertTrue(plain.awaitClosed(10_000), "no TLS handshake, no bridge");
      assertThrows(AssertionError.class, plain::next, "no pong came before the close");
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateRefusesTheServer() throws Exception {
    SSLContext jvmDefault = SSLContext.getDefault();
    assertThrows(IOException.class, () -> TcpClient.tls(hub.port("tcp_tls"), jvmDefault).close());
  }

  @Test
  void httpsServesHealthTheApiAndSecureWebSockets() throws Exception {
    assertEquals(-1, hub.port("http"), "the plain HTTP listener is off");
    int port = hub.port("https");
    HttpClient https = HttpClient.newBuilder().sslContext(certs.clientContext(null, null)).connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/health")).build(),
      HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/login"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "bob").put("password", TestHub.password("bob")).encode())).build(),
      HttpResponse.BodyHandlers.ofString());
    assertEquals("bob", new JsonObject(login.body()).getString("user"));
    try (WsClient ws = WsClient.open(URI.create("wss://localhost:" + port + "/eventbus/websocket"), https, null)) {
      ws.request("hub.echo", "wss", "r");
      assertEquals("wss", ws.next().getString("body"));
    }
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
      .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void requiredClientCertificatesMustChainToTheConfiguredCa() throws Exception {
    try (TestHub strict = TestHub.with(s -> s.tcp.tls().enable(certs.serverCert.toString(), certs.serverKey.toString())
      .setPort(0).requireClientCertificates(TlsOptions.ClientAuthMode.REQUIRED, certs.ca.toString()))) {
      int port = strict.port("tcp_tls");
      try (TcpClient good = TcpClient.tls(port, certs.clientContext(certs.clientCert, certs.clientKey))) {
        good.sync();
      }
      refused(port, certs.clientContext(null, null));
      refused(port, certs.clientContext(certs.strangerCert, certs.strangerKey));
    }
  }

  /** With TLS 1.3 the client learns of a refused certificate at its first read, not in its handshake. */
  private static void refused(int port, SSLContext context) {
    try (TcpClient c = TcpClient.tls(port, context)) {
      try {
        c.ping();
      } catch (AssertionError writeFailed) {
        // closed before the ping went out
      }
      assertTrue(c.awaitClosed(10_000), "the server closes a connection without an acceptable certificate");
      assertThrows(AssertionError.class, c::next, "no pong came before the close");
    } catch (IOException handshakeFailed) {
      // refused in the handshake: as good
    }
  }
}
