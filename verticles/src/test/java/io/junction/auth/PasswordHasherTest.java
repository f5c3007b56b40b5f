package io.junction.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(1024, 1);

  @Test
  void aHashIsSaltedArgon2idInPhcFormAndChecksOnlyItsPassword() {
    String h = hasher.hash("correct horse");
    assertTrue(h.matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), h);
    assertNotEquals(h, hasher.hash("correct horse"), "a fresh salt every time");
    assertTrue(hasher.verify("correct horse", h));
    assertFalse(hasher.verify("correct horsE", h));
    assertFalse(hasher.verify("", h));
  }

  @Test
  void theParametersComeFromTheStoredHash() {
    String cheap = hasher.hash("pw");
    assertTrue(new PasswordHasher(2048, 2).verify("pw", cheap), "a node with other defaults still checks old hashes");
  }

  @Test
  void anythingButAnArgon2idHashNeverMatches() {
    assertFalse(hasher.verify("pw", "pw"));
    assertFalse(hasher.verify("pw", null));
    assertFalse(hasher.verify("pw", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaA"));
    assertFalse(hasher.verify("pw", "$argon2id$v=19$m=1024,t=1,p=1$!!!$###"));
    assertFalse(hasher.verifyNobody("pw"));
  }

  @Test
  void theDefaultsAreOwaspsMinimum() {
    assertTrue(new PasswordHasher().hash("pw").startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
  }
}
