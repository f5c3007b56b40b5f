package io.junction.client;

import io.junction.hub.EmbeddedNode;
import io.junction.testing.TestCerts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client over TLS: a private CA, host names checked, client certificates where the hub requires them. */
@Timeout(60)
class ClientTlsTest {

  static final TestCerts certs = TestCerts.get();
  static EmbeddedNode node;
  static EmbeddedNode strict;

  @BeforeAll
  static void start() {
    node = Nodes.start("tcp.enabled", "false", "tcp.tls.enabled", "true", "tcp.tls.port", "0",
      "tcp.tls.cert_file", certs.serverCert.toString(), "tcp.tls.key_file", certs.serverKey.toString());
    strict = Nodes.start("tcp.tls.enabled", "true", "tcp.tls.port", "0",
      "tcp.tls.cert_file", certs.serverCert.toString(), "tcp.tls.key_file", certs.serverKey.toString(),
      "tcp.tls.client_auth", "required", "tcp.tls.ca_file", certs.ca.toString());
  }

  @AfterAll
  static void stop() {
    node.close();
    strict.close();
  }

  private static InputStream in(Path p) throws IOException {
    return Files.newInputStream(p);
  }

  @Test
  void aClientThatTrustsTheCaTalksOverTls() throws Exception {
    Recorder r = new Recorder();
    try (InputStream ca = in(certs.ca);
         JunctionClient c = JunctionClient.connect(Options.builder().server("tls://localhost:" + node.tlsPort())
           .sslContext(Tls.trusting(ca)).build())) {
      c.subscribe("scope.lobby.tls", r).ready().get(10, TimeUnit.SECONDS);
      c.publish("scope.lobby.tls", "secret");
      assertEquals("secret", r.nextMessage().body().asText());
      assertTrue(c.ping().get(10, TimeUnit.SECONDS).compareTo(Duration.ZERO) > 0);
    }
  }

  @Test
  void anUntrustedCertificateOrAWrongHostNameIsRefused() throws Exception {
    JunctionException untrusted = assertThrows(JunctionException.class, () -> JunctionClient.connect(
      Options.builder().server("tls://localhost:" + node.tlsPort()).build()));
    assertEquals(ErrorId.CONNECT_FAILED, untrusted.errorId());
    assertTrue(untrusted.getMessage().contains("PKIX path building failed"), untrusted.getMessage());
    try (InputStream ca = in(certs.ca); EmbeddedNode elsewhere = Nodes.start("tcp.tls.enabled", "true", "tcp.tls.port", "0",
      "tcp.tls.cert_file", certs.otherHostCert.toString(), "tcp.tls.key_file", certs.otherHostKey.toString())) {
      JunctionException wrongHost = assertThrows(JunctionException.class, () -> JunctionClient.connect(
        Options.builder().server("tls://localhost:" + elsewhere.tlsPort()).sslContext(Tls.trusting(ca)).build()));
      assertEquals(ErrorId.CONNECT_FAILED, wrongHost.errorId());
      assertTrue(wrongHost.getMessage().contains("No subject alternative DNS name matching localhost"), wrongHost.getMessage());
    }
  }

  @Test
  void aHubThatRequiresClientCertificatesTakesOnlyGoodOnes() throws Exception {
    try (InputStream ca = in(certs.ca); InputStream cert = in(certs.clientCert); InputStream key = in(certs.clientKey);
         JunctionClient c = JunctionClient.connect(Options.builder().server("tls://localhost:" + strict.tlsPort())
           .sslContext(Tls.withClientCertificate(ca, cert, key)).build())) {
      assertTrue(c.ping().get(10, TimeUnit.SECONDS).compareTo(Duration.ZERO) > 0);
    }
    for (Path[] pair : new Path[][] {{null, null}, {certs.strangerCert, certs.strangerKey}}) {
      try (InputStream ca = in(certs.ca)) {
        javax.net.ssl.SSLContext ctx = pair[0] == null ? Tls.trusting(ca)
          : Tls.withClientCertificate(ca, in(pair[0]), in(pair[1]));
        JunctionException e = assertThrows(JunctionException.class, () -> JunctionClient.connect(
          Options.builder().server("tls://localhost:" + strict.tlsPort()).sslContext(ctx).build()));
        assertEquals(ErrorId.CONNECT_FAILED, e.errorId(), e.getMessage());
      }
    }
  }

  @Test
  void aKeyThatIsNotPkcs8SaysHowToConvertIt() {
    IOException e = assertThrows(IOException.class, () -> Tls.withClientCertificate(null, in(certs.clientCert),
      new java.io.ByteArrayInputStream("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n".getBytes())));
    assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
  }
}
