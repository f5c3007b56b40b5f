package io.junction.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads PEM keys with the JDK: PKCS#8 private keys ("PRIVATE KEY") and X.509 public keys ("PUBLIC KEY"). */
final class Pem {

  private Pem() {
  }

  static PrivateKey privateKey(String path, String algorithm) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der(path, "PRIVATE KEY")));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(path + " is not a PKCS#8 " + algorithm + " private key: " + e.getMessage(), e);
    }
  }

  static PublicKey publicKey(String path, String algorithm) {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der(path, "PUBLIC KEY")));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(path + " is not an X.509 " + algorithm + " public key: " + e.getMessage(), e);
    }
  }

  private static byte[] der(String path, String type) {
    String text;
    try {
      text = Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
    }
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalStateException(path + " has no " + begin + " block (convert the key to PKCS#8 / X.509 PEM)");
    }
    return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
  }
}
