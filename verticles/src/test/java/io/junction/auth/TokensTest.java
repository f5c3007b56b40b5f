package io.junction.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.junction.bridge.BridgeException;
import io.junction.bridge.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";
  private final Tokens hs = new Tokens(new TokenOptions().setSecret(SECRET), "");

  @TempDir
  Path dir;

  private static JWTClaimsSet.Builder claims(String sub, long expInSeconds) {
    return new JWTClaimsSet.Builder().subject(sub).expirationTime(new Date(System.currentTimeMillis() + expInSeconds * 1000));
  }

  private static String hs256(String secret, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static String refusal(Tokens tokens, String token) {
    BridgeException e = assertThrows(BridgeException.class, () -> tokens.verify(token));
    assertEquals("auth_failed", e.code().id());
    return e.detail();
  }

  @Test
  void anIssuedTokenProvesItsUserAndRoles() {
    Principal issued = hs.issue("alice", List.of("ops"));
    Principal p = hs.verify(issued.token());
    assertEquals("alice", p.user());
    assertEquals(List.of("ops"), p.roles());
    long in = p.expiresAt() - System.currentTimeMillis() / 1000;
    assertTrue(in > TokenOptions.DEFAULT_EXPIRY_SECONDS - 5 && in <= TokenOptions.DEFAULT_EXPIRY_SECONDS, "expiry " + in);
  }

  @Test
  void aBackendsTokenWithTheSameSecretIsAcceptedRolesOptional() throws Exception {
    Principal p = hs.verify(hs256(SECRET, claims("robot-7", 60).claim("roles", List.of("robot")).build()));
    assertEquals("robot-7", p.user());
    assertEquals(List.of("robot"), p.roles());
    assertEquals(List.of(), hs.verify(hs256(SECRET, claims("bob", 60).build())).roles());
  }

  @Test
  void expiredWrongKeyAndForgedTokensAreRefused() throws Exception {
    assertEquals("the token has expired", refusal(hs, hs256(SECRET, claims("alice", -120).build())));
    assertEquals("bad token signature", refusal(hs, hs256("another-secret-of-32-bytes-or-more!!", claims("alice", 60).build())));
    String[] parts = hs.issue("alice", List.of()).token().split("\\.");
    String admin = Base64.getUrlEncoder().withoutPadding().encodeToString(
      ("{\"sub\":\"alice\",\"roles\":[\"admin\"],\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes(StandardCharsets.UTF_8));
    assertEquals("bad token signature", refusal(hs, parts[0] + "." + admin + "." + parts[2]));
    assertEquals("not a signed token", refusal(hs, "garbage"));
  }

  @Test
  void unsignedTokensAreRefused() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String body = b64.encodeToString(("{\"sub\":\"root\",\"roles\":[\"admin\"],\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}")
      .getBytes(StandardCharsets.UTF_8));
    refusal(hs, header + "." + body + ".");
    refusal(hs, header + "." + body);
  }

  @Test
  void tokensWithoutSubOrExpAreRefused() throws Exception {
    assertEquals("the token has no expiry", refusal(hs, hs256(SECRET, new JWTClaimsSet.Builder().subject("alice").build())));
    assertEquals("the token has no valid sub", refusal(hs, hs256(SECRET, claims(null, 60).build())));
    assertEquals("the token has no valid sub", refusal(hs, hs256(SECRET, claims("a b", 60).build())));
  }

  @Test
  void rs256ChecksWithThePublicKeyAndRefusesAlgorithmConfusion() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair keys = g.generateKeyPair();
    Path pub = pem(dir.resolve("pub.pem"), "PUBLIC KEY", keys.getPublic().getEncoded());
    Path priv = pem(dir.resolve("priv.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());

    Tokens checkOnly = new Tokens(new TokenOptions().setAlgorithm("RS256").setKeys("", pub.toString()), "");
    assertFalse(checkOnly.canIssue());
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims("alice", 60).build());
    jwt.sign(new RSASSASigner(keys.getPrivate()));
    assertEquals("alice", checkOnly.verify(jwt.serialize()).user());

    Tokens both = new Tokens(new TokenOptions().setAlgorithm("RS256").setKeys(priv.toString(), pub.toString()), "");
    assertEquals("bob", checkOnly.verify(both.issue("bob", List.of()).token()).user());

    // an HS256 token "signed" with the public key as the secret: the classic confusion attack
    String confused = hs256(Files.readString(pub), claims("root", 60).claim("roles", List.of("admin")).build());
    assertEquals("the token is not signed with RS256", refusal(checkOnly, confused));
    assertEquals("the token is not signed with HS256", refusal(hs, jwt.serialize()));
  }

  @Test
  void es256IssuesAndChecksWithAnEcKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    Path pub = pem(dir.resolve("ec-pub.pem"), "PUBLIC KEY", keys.getPublic().getEncoded());
    Path priv = pem(dir.resolve("ec-priv.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());
    Tokens es = new Tokens(new TokenOptions().setAlgorithm("ES256").setKeys(priv.toString(), pub.toString()), "");
    assertTrue(es.canIssue());
    String token = es.issue("carol", List.of("ops")).token();
    assertEquals("ES256", SignedJWT.parse(token).getHeader().getAlgorithm().getName());
    assertEquals(List.of("ops"), es.verify(token).roles());
    assertEquals("the token is not signed with ES256", refusal(es, hs.issue("carol", List.of()).token()));
  }

  private static Path pem(Path file, String type, byte[] der) throws Exception {
    Files.writeString(file, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n");
    return file;
  }
}
