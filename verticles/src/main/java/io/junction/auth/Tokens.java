package io.junction.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.junction.bridge.BridgeException;
import io.junction.bridge.Principal;
import io.junction.bridge.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Signs and checks JWTs with the one algorithm configured: a token must be signed (no {@code alg: none}), with
 * that algorithm (no algorithm confusion), by the configured key, carry {@code sub} and an {@code exp} in the
 * future; {@code roles} is an optional list of strings. Tokens minted by an application's backend with the same
 * key pass the same checks. Thread-safe.
 */
public final class Tokens {

  private static final long CLOCK_SKEW_SECONDS = 30;

  private final JWSAlgorithm algorithm;
  private final JWSSigner signer;
  private final JWSVerifier verifier;
  private final int expirySeconds;
  private final String issuer;

  /** @param secret the HS256 secret to use when none is configured (a node-generated one) */
  public Tokens(TokenOptions options, String secret) {
    this.algorithm = JWSAlgorithm.parse(options.algorithm());
    this.expirySeconds = options.expirySeconds();
    this.issuer = options.issuer();
    try {
      if (algorithm.equals(JWSAlgorithm.HS256)) {
        byte[] key = (options.secret().isEmpty() ? secret : options.secret()).getBytes(StandardCharsets.UTF_8);
        signer = new MACSigner(key);
        verifier = new MACVerifier(key);
      } else if (algorithm.equals(JWSAlgorithm.RS256)) {
        signer = options.privateKey().isEmpty() ? null : new RSASSASigner((RSAPrivateKey) Pem.privateKey(options.privateKey(), "RSA"));
        verifier = new RSASSAVerifier((RSAPublicKey) Pem.publicKey(options.publicKey(), "RSA"));
      } else {
        signer = options.privateKey().isEmpty() ? null : new ECDSASigner((ECPrivateKey) Pem.privateKey(options.privateKey(), "EC"));
        verifier = new ECDSAVerifier((ECPublicKey) Pem.publicKey(options.publicKey(), "EC"));
      }
    } catch (JOSEException e) {
      throw new IllegalStateException("bad token key: " + e.getMessage(), e);
    }
  }

  /** Whether this node can issue tokens (it has the secret or the private key). */
  public boolean canIssue() {
    return signer != null;
  }

  /** A signed token for {@code user}; {@code null} when the node has no signing key. */
  public Principal issue(String user, List<String> roles) {
    if (signer == null) {
      return new Principal(user, roles, null, 0);
    }
    long now = System.currentTimeMillis() / 1000;
    long exp = now + expirySeconds;
    JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).claim("roles", roles).issuer(issuer)
      .issueTime(new Date(now * 1000)).expirationTime(new Date(exp * 1000)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
    }
    return new Principal(user, roles, jwt.serialize(), exp);
  }

  /** The principal a token proves. @throws BridgeException {@code auth_failed} for any bad token */
  public Principal verify(String token) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw refused("not a signed token");
    }
    if (!algorithm.equals(jwt.getHeader().getAlgorithm())) {
      throw refused("the token is not signed with " + algorithm);
    }
    try {
      if (!jwt.verify(verifier)) {
        throw refused("bad token signature");
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      Date exp = c.getExpirationTime();
      long now = System.currentTimeMillis() / 1000;
      if (exp == null || exp.getTime() / 1000 + CLOCK_SKEW_SECONDS < now) {
        throw refused(exp == null ? "the token has no expiry" : "the token has expired");
      }
      if (c.getSubject() == null || !UsersFile.NAME.matcher(c.getSubject()).matches()) {
        throw refused("the token has no valid sub");
      }
      List<String> roles = new ArrayList<>();
      if (c.getClaim("roles") != null) {
        for (Object r : c.getListClaim("roles")) {
          roles.add(String.valueOf(r));
        }
      }
      return new Principal(c.getSubject(), roles, token, exp.getTime() / 1000);
    } catch (JOSEException | ParseException e) {
      throw refused("the token cannot be checked: " + e.getMessage());
    }
  }

  private static BridgeException refused(String why) {
    return new BridgeException(ErrorCode.AUTH_FAILED, why);
  }
}
