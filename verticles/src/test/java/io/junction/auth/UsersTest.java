package io.junction.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsersTest {

  @TempDir
  Path dir;

  private static Map<String, UserRecord> users(String... names) {
    Map<String, UserRecord> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, new UserRecord(n, "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", List.of("r-" + n)));
    }
    return m;
  }

  @Test
  void aMissingFileHasNoUsersAndWrittenUsersReadBack() {
    UsersFile file = new UsersFile(dir.resolve("sub/users.json"));
    assertTrue(file.read().isEmpty());
    file.write(users("alice", "bob"));
    Map<String, UserRecord> read = file.read();
    assertEquals(List.of("alice", "bob"), List.copyOf(read.keySet()));
    assertEquals(List.of("r-bob"), read.get("bob").roles());
    assertTrue(read.get("alice").hash().startsWith("$argon2id$"));
  }

  @Test
  void aBadFileSaysWhatIsWrong() throws Exception {
    Path p = dir.resolve("users.json");
    Files.writeString(p, "{\"users\": {\"alice\": {\"hash\": \"plaintext\"}}}");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new UsersFile(p).read());
    assertTrue(e.getMessage().contains("user \"alice\" has a bad name or no Argon2id hash"), e.getMessage());
    Files.writeString(p, "not json");
    e = assertThrows(IllegalStateException.class, () -> new UsersFile(p).read());
    assertTrue(e.getMessage().contains("is not a users file"), e.getMessage());
  }

  @Test
  void aChangedFileIsReloadedAndABrokenOneKeepsThePreviousUsers() throws Exception {
    Path p = dir.resolve("users.json");
    UsersFile file = new UsersFile(p);
    file.write(users("alice"));
    Users users = new Users(file);
    assertEquals(List.of("alice"), List.copyOf(users.all().keySet()));

    file.write(users("alice", "carol"));
    Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    users.reloadIfChanged();
    assertEquals(List.of("r-carol"), users.get("carol").roles());

    Files.writeString(p, "{\"users\": 7}");
    Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    users.reloadIfChanged();
    assertEquals(List.of("alice", "carol"), List.copyOf(users.all().keySet()));

    Files.delete(p);
    users.reloadIfChanged();
    assertNull(users.get("alice"), "a deleted file means no users");
  }
}
