package io.junction.client.cli;

import io.junction.client.Tls;

import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The TLS context of {@code --ca FILE} and {@code --cert FILE --key FILE}. */
final class TlsFiles {

  private TlsFiles() {
  }

  static SSLContext context(String ca, String cert, String key) {
    try (InputStream caIn = ca == null ? null : new FileInputStream(ca)) {
      if (cert == null) {
        return Tls.trusting(caIn);
      }
      try (InputStream certIn = new FileInputStream(cert); InputStream keyIn = new FileInputStream(key)) {
        return Tls.withClientCertificate(caIn, certIn, keyIn);
      }
    } catch (IOException e) {
      throw new Cli.UsageException("TLS files: " + e.getMessage());
    }
  }
}
