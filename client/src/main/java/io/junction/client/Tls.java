package io.junction.client;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * TLS contexts from PEM files, for {@link Options.Builder#sslContext}: trust a private CA (a hub with a
 * self-signed or company certificate), and present a client certificate (a hub with {@code client_auth}).
 * Host names are always verified against the server's certificate.
 */
public final class Tls {

  private static final char[] NO_PASSWORD = new char[0];

  private Tls() {
  }

  /** A context that trusts the CA certificates in {@code caPem} (and only those). */
  public static SSLContext trusting(InputStream caPem) throws IOException {
    return context(caPem, null, null);
  }

  /**
   * A context that trusts the CAs in {@code caPem} ({@code null}: the system's CAs) and presents the
   * certificate chain in {@code certPem} with its unencrypted PKCS#8 key in {@code keyPem} (RSA or EC).
   */
  public static SSLContext withClientCertificate(InputStream caPem, InputStream certPem, InputStream keyPem) throws IOException {
    return context(caPem, certPem, keyPem);
  }

  private static SSLContext context(InputStream caPem, InputStream certPem, InputStream keyPem) throws IOException {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      TrustManagerFactory tmf = null;
      if (caPem != null) {
        KeyStore trust = emptyStore();
        int i = 0;
        for (Certificate c : cf.generateCertificates(caPem)) {
          trust.setCertificateEntry("ca" + i++, c);
        }
        if (i == 0) {
          throw new IOException("no CA certificate in the PEM given");
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (certPem != null) {
        Collection<? extends Certificate> chain = cf.generateCertificates(certPem);
        if (chain.isEmpty()) {
          throw new IOException("no certificate in the client certificate PEM");
        }
        KeyStore keys = emptyStore();
        keys.setKeyEntry("client", privateKey(keyPem), NO_PASSWORD, chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, NO_PASSWORD);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    return ks;
  }

  private static PrivateKey privateKey(InputStream pem) throws IOException, GeneralSecurityException {
    if (pem == null) {
      throw new IOException("a client certificate needs its private key");
    }
    String text = new String(readAll(pem), StandardCharsets.US_ASCII);
    String begin = "-----BEGIN PRIVATE KEY-----";
    int b = text.indexOf(begin);
    int e = text.indexOf("-----END PRIVATE KEY-----");
    if (b < 0 || e < b) {
      throw new IOException("the key is not an unencrypted PKCS#8 PEM (-----BEGIN PRIVATE KEY-----); "
        + "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (InvalidKeySpecException notRsa) {
      return KeyFactory.getInstance("EC").generatePrivate(spec);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    for (int n; (n = in.read(buf)) > 0; ) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
