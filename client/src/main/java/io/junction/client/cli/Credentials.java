package io.junction.client.cli;

import io.junction.client.Options;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Who the CLI logs in as: {@code --token T} (or {@code JUNCTION_TOKEN}), or {@code --user NAME} with the password
 * from {@code JUNCTION_PASSWORD}, one line of standard input ({@code --password-stdin}), or a prompt. Passwords
 * are never options: they would show in the process list and the shell history.
 */
final class Credentials {

  private final Map<String, String> env;
  private final InputStream stdin;
  private final Console console;
  private String user;
  private String token;
  private boolean passwordStdin;
  private String password;

  Credentials(Map<String, String> env, InputStream stdin, Console console) {
    this.env = env;
    this.stdin = stdin;
    this.console = console;
  }

  void configure(Args args) {
    user = args.values.get("--user");
    token = args.values.get("--token");
    passwordStdin = args.flags.contains("--password-stdin");
    if (user != null && token != null) {
      throw new Cli.UsageException("--user and --token exclude each other");
    }
    if (user == null && token == null) {
      token = env.get("JUNCTION_TOKEN");
    }
    if (passwordStdin && user == null) {
      throw new Cli.UsageException("--password-stdin needs --user");
    }
  }

  String user() {
    return user;
  }

  void apply(Options.Builder b) {
    if (user != null) {
      b.user(user, password());
    } else if (token != null && !token.isEmpty()) {
      b.token(token);
    }
  }

  /** Asked for (or read) once, however many clients a command opens. */
  private String password() {
    if (password == null) {
      password = readPassword();
    }
    return password;
  }

  private String readPassword() {
    String p;
    if (passwordStdin) {
      try {
        p = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        p = null;
      }
    } else if (env.get("JUNCTION_PASSWORD") != null) {
      p = env.get("JUNCTION_PASSWORD");
    } else if (console != null) {
      char[] typed = console.readPassword("Password for %s: ", user);
      p = typed == null ? null : new String(typed);
    } else {
      throw new Cli.UsageException("no password for " + user + ": set JUNCTION_PASSWORD, use --password-stdin, or run in a terminal");
    }
    if (p == null) {
      throw new Cli.UsageException("no password for " + user + " on standard input");
    }
    return p;
  }
}
