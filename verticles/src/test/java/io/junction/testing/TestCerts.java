package io.junction.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made when the tests run (nothing secret is committed): a CA, a server certificate it signed for
 * {@code localhost} and {@code 127.0.0.1}, a client certificate it signed, and a client certificate from another,
 * untrusted CA. PEM files in a temporary directory; the keys are PKCS#8.
 */
public final class TestCerts {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private static volatile TestCerts shared;

  public final Path dir;
  /** The CA that signed the server and client certificates. */
  public final Path ca;
  public final Path serverCert;
  public final Path serverKey;
  public final Path clientCert;
  public final Path clientKey;
  /** A server certificate from the CA for another host ({@code elsewhere.example}): host name checks refuse it. */
  public final Path otherHostCert;
  public final Path otherHostKey;
  /** A client certificate and key signed by a CA nobody trusts. */
  public final Path strangerCert;
  public final Path strangerKey;

  private TestCerts(Path dir) throws Exception {
    this.dir = dir;
    KeyPair caKeys = rsa();
    X500Name caName = new X500Name("CN=Junction Test CA");
    byte[] caDer = sign(caName, caName, caKeys, caKeys.getPrivate(), true, null);
    ca = pem(dir.resolve("ca.pem"), "CERTIFICATE", caDer);

    KeyPair server = rsa();
    GeneralNames names = new GeneralNames(new GeneralName[] {
      new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
    serverCert = pem(dir.resolve("server.pem"), "CERTIFICATE",
      sign(caName, new X500Name("CN=localhost"), server, caKeys.getPrivate(), false, names));
    serverKey = pem(dir.resolve("server-key.pem"), "PRIVATE KEY", server.getPrivate().getEncoded());

    KeyPair other = rsa();
    otherHostCert = pem(dir.resolve("elsewhere.pem"), "CERTIFICATE", sign(caName, new X500Name("CN=elsewhere.example"),
      other, caKeys.getPrivate(), false, new GeneralNames(new GeneralName(GeneralName.dNSName, "elsewhere.example"))));
    otherHostKey = pem(dir.resolve("elsewhere-key.pem"), "PRIVATE KEY", other.getPrivate().getEncoded());

    KeyPair client = rsa();
    clientCert = pem(dir.resolve("client.pem"), "CERTIFICATE",
      sign(caName, new X500Name("CN=alice"), client, caKeys.getPrivate(), false, null));
    clientKey = pem(dir.resolve("client-key.pem"), "PRIVATE KEY", client.getPrivate().getEncoded());

    KeyPair otherCa = rsa();
    KeyPair stranger = rsa();
    strangerCert = pem(dir.resolve("stranger.pem"), "CERTIFICATE",
      sign(new X500Name("CN=Other CA"), new X500Name("CN=mallory"), stranger, otherCa.getPrivate(), false, null));
    strangerKey = pem(dir.resolve("stranger-key.pem"), "PRIVATE KEY", stranger.getPrivate().getEncoded());
  }

  /** One set of certificates per test JVM, made on first use. */
  public static TestCerts get() {
    TestCerts c = shared;
    if (c == null) {
      synchronized (TestCerts.class) {
        c = shared;
        if (c == null) {
          try {
            Path dir = Files.createTempDirectory("junction-certs");
            dir.toFile().deleteOnExit();
            c = shared = new TestCerts(dir);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (Exception e) {
            throw new IllegalStateException("could not make test certificates", e);
          }
        }
      }
    }
    return c;
  }

  /** A client's TLS context: trusts {@link #ca}; presents {@code cert} and {@code key} when they are given. */
  public SSLContext clientContext(Path cert, Path key) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(ca)) {
        trust.setCertificateEntry("ca", cf.generateCertificate(in));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (cert != null) {
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        Certificate c;
        try (InputStream in = Files.newInputStream(cert)) {
          c = cf.generateCertificate(in);
        }
        String text = Files.readString(key);
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey k = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        keys.setKeyEntry("me", k, new char[0], new Certificate[] {c});
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("could not make a client TLS context", e);
    }
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static byte[] sign(X500Name issuer, X500Name subject, KeyPair subjectKeys, PrivateKey issuerKey,
                             boolean ca, GeneralNames names) throws Exception {
    long now = System.currentTimeMillis();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
      new Date(now - 3_600_000L), new Date(now + 7 * 86_400_000L), subject, subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    }
    if (names != null) {
      b.addExtension(Extension.subjectAlternativeName, false, names);
    }
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey);
    return b.build(signer).getEncoded();
  }

  private static Path pem(Path file, String type, byte[] der) throws IOException {
    String text = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
      + "\n-----END " + type + "-----\n";
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    file.toFile().deleteOnExit();
    return file;
  }
}
