package io.junction.auth;

import io.junction.bridge.Problems;
import io.vertx.core.json.JsonObject;

/**
 * Identity (config section {@code auth}): the users file, tokens ({@link TokenOptions}), and the limit on failed
 * logins ({@code failed_logins.max} per {@code failed_logins.window_seconds}, per remote address and per user).
 */
public final class AuthOptions {

  public static final String DEFAULT_USERS_FILE = "conf/users.json";
  public static final int DEFAULT_MAX_FAILED_LOGINS = 5;
  public static final int DEFAULT_FAILED_LOGIN_WINDOW_SECONDS = 300;

  private String usersFile = DEFAULT_USERS_FILE;
  private TokenOptions token = new TokenOptions();
  private int maxFailedLogins = DEFAULT_MAX_FAILED_LOGINS;
  private int failedLoginWindowSeconds = DEFAULT_FAILED_LOGIN_WINDOW_SECONDS;

  public AuthOptions() {
  }

  public AuthOptions(JsonObject json, Problems problems) {
    usersFile = json.getString("users_file", usersFile);
    token = new TokenOptions(json.getJsonObject("token", new JsonObject()), problems);
    JsonObject failed = json.getJsonObject("failed_logins", new JsonObject());
    maxFailedLogins = failed.getInteger("max", maxFailedLogins);
    failedLoginWindowSeconds = failed.getInteger("window_seconds", failedLoginWindowSeconds);
    if (usersFile.isBlank()) {
      problems.add("auth.users_file: must be a file path");
    }
    if (maxFailedLogins < 1 || maxFailedLogins > 1000) {
      problems.add("auth.failed_logins.max: must be between 1 and 1000, got " + maxFailedLogins);
    }
    if (failedLoginWindowSeconds < 1 || failedLoginWindowSeconds > 86_400) {
      problems.add("auth.failed_logins.window_seconds: must be between 1 and 86400, got " + failedLoginWindowSeconds);
    }
  }

  public String usersFile() {
    return usersFile;
  }

  public AuthOptions setUsersFile(String path) {
    usersFile = path;
    return this;
  }

  public TokenOptions token() {
    return token;
  }

  public AuthOptions setToken(TokenOptions token) {
    this.token = token;
    return this;
  }

  public int maxFailedLogins() {
    return maxFailedLogins;
  }

  public AuthOptions setMaxFailedLogins(int n) {
    maxFailedLogins = n;
    return this;
  }

  public int failedLoginWindowSeconds() {
    return failedLoginWindowSeconds;
  }
}
