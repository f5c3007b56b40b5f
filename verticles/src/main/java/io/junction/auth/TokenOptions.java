package io.junction.auth;

import io.junction.bridge.Problems;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How tokens are signed and checked (config section {@code auth.token}): {@code algorithm} HS256 (a shared
 * {@code secret} of at least 32 bytes) or RS256/ES256 ({@code private_key} to issue tokens, {@code public_key} to
 * check them, PEM files), {@code expiry_seconds} and {@code issuer} of the tokens this node issues.
 */
public final class TokenOptions {

  public static final String DEFAULT_ALGORITHM = "HS256";
  public static final int DEFAULT_EXPIRY_SECONDS = 3600;

  private String algorithm = DEFAULT_ALGORITHM;
  private String secret = "";
  private String privateKey = "";
  private String publicKey = "";
  private int expirySeconds = DEFAULT_EXPIRY_SECONDS;
  private String issuer = "junction";

  public TokenOptions() {
  }

  public TokenOptions(JsonObject json, Problems problems) {
    algorithm = json.getString("algorithm", algorithm);
    secret = json.getString("secret", secret);
    privateKey = json.getString("private_key", privateKey);
    publicKey = json.getString("public_key", publicKey);
    expirySeconds = json.getInteger("expiry_seconds", expirySeconds);
    issuer = json.getString("issuer", issuer);
    if (!algorithm.equals("HS256") && !algorithm.equals("RS256") && !algorithm.equals("ES256")) {
      problems.add("auth.token.algorithm: must be HS256, RS256 or ES256, got \"" + algorithm + "\"");
    } else if (algorithm.equals("HS256")) {
      if (!secret.isEmpty() && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
        problems.add("auth.token.secret: an HS256 secret needs at least 32 bytes");
      }
    } else {
      if (publicKey.isEmpty()) {
        problems.add("auth.token.public_key: " + algorithm + " needs the public key (PEM) to check tokens; private_key too, to issue them");
      }
      checkFile(problems, "auth.token.private_key", privateKey);
      checkFile(problems, "auth.token.public_key", publicKey);
    }
    if (expirySeconds < 60 || expirySeconds > 30 * 86_400) {
      problems.add("auth.token.expiry_seconds: must be between 60 and 2592000, got " + expirySeconds);
    }
  }

  private static void checkFile(Problems problems, String key, String path) {
    if (!path.isEmpty() && !Files.isRegularFile(Path.of(path))) {
      problems.add(key + ": no such file: " + path);
    }
  }

  public TokenOptions setSecret(String secret) {
    this.secret = secret;
    return this;
  }

  public TokenOptions setAlgorithm(String algorithm) {
    this.algorithm = algorithm;
    return this;
  }

  public TokenOptions setKeys(String privateKey, String publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    return this;
  }

  public TokenOptions setExpirySeconds(int seconds) {
    this.expirySeconds = seconds;
    return this;
  }

  public String algorithm() {
    return algorithm;
  }

  public String secret() {
    return secret;
  }

  public String privateKey() {
    return privateKey;
  }

  public String publicKey() {
    return publicKey;
  }

  public int expirySeconds() {
    return expirySeconds;
  }

  public String issuer() {
    return issuer;
  }
}
