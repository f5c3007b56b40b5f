package io.junction.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The users file: {@code {"users": {"alice": {"hash": "$argon2id$...", "roles": ["admin"]}}}}. Read whole and
 * written whole, atomically (a temporary file moved into place), so a running node never reads half a file.
 * A missing file means no users.
 */
public final class UsersFile {

  /** User names: letters, digits and {@code . _ -}, 1 to 64 characters (they become addresses: user.NAME). */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  public static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Path path;

  public UsersFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** The users, in file order. @throws IllegalStateException saying what is wrong with the file */
  public Map<String, UserRecord> read() {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new LinkedHashMap<>();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
    }
    JsonObject users;
    try {
      users = new JsonObject(text).getJsonObject("users", new JsonObject());
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalStateException(path + " is not a users file ({\"users\": {...}}): " + e.getMessage(), e);
    }
    Map<String, UserRecord> out = new LinkedHashMap<>();
    for (String name : users.fieldNames()) {
      JsonObject u = users.getJsonObject(name);
      String hash = u == null ? null : u.getString("hash");
      if (!NAME.matcher(name).matches() || !PasswordHasher.looksLikeHash(hash)) {
        throw new IllegalStateException(path + ": user \"" + name + "\" has a bad name or no Argon2id hash");
      }
      List<String> roles = new ArrayList<>();
      for (Object r : u.getJsonArray("roles", new JsonArray())) {
        roles.add(String.valueOf(r));
      }
      out.put(name, new UserRecord(name, hash, roles));
    }
    return out;
  }

  /** Replaces the file with {@code users}, atomically where the file system allows. */
  public void write(Map<String, UserRecord> users) {
    JsonObject all = new JsonObject();
    for (UserRecord u : users.values()) {
      all.put(u.name(), new JsonObject().put("hash", u.hash()).put("roles", new JsonArray(u.roles())));
    }
    String text = new JsonObject().put("users", all).encodePrettily() + "\n";
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".users", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
