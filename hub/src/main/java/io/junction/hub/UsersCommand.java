package io.junction.hub;

import io.junction.auth.PasswordHasher;
import io.junction.auth.UserRecord;
import io.junction.auth.UsersFile;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code junction-hub.jar users add|passwd|remove|list}: manages the users file like {@code mosquitto_passwd}.
 * Passwords come from a prompt (twice) or one line of standard input ({@code --password-stdin}); they are stored
 * only as Argon2id hashes. The file is {@code --users-file FILE}, else the configured {@code auth.users_file}.
 * A running node picks up the changes within seconds. Exit codes: 0 done, 1 the file could not be read or
 * written, 2 bad usage.
 */
final class UsersCommand {

  static final String USAGE = String.join("\n",
    "Usage: java -jar junction-hub.jar users COMMAND [--users-file FILE]",
    "",
    "  users add NAME [--role ROLE]... [--password-stdin]   add a user (or replace one)",
    "  users passwd NAME [--password-stdin]                 change a user's password",
    "  users remove NAME                                    remove a user",
    "  users list                                           list users and their roles",
    "",
    "Passwords are read from the terminal, twice, or from one line of standard input with --password-stdin.",
    "They are stored as Argon2id hashes. A running node picks up changes within seconds.");

  static final int MIN_PASSWORD = 8;

  private final PrintStream out;
  private final PrintStream err;
  private final InputStream in;
  private final Console console;

  UsersCommand(PrintStream out, PrintStream err, InputStream in, Console console) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.console = console;
  }

  int run(List<String> args, Map<String, String> env, Properties props) {
    List<String> positional = new ArrayList<>();
    List<String> roles = new ArrayList<>();
    String usersFile = null;
    boolean stdin = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--role") && i + 1 < args.size()) {
        roles.add(args.get(++i));
      } else if (a.equals("--users-file") && i + 1 < args.size()) {
        usersFile = args.get(++i);
      } else if (a.equals("--password-stdin")) {
        stdin = true;
      } else if (a.equals("--help") || a.equals("-h")) {
        out.println(USAGE);
        return 0;
      } else if (a.startsWith("-")) {
        return usage("unknown or incomplete option " + a);
      } else {
        positional.add(a);
      }
    }
    if (positional.isEmpty()) {
      return usage("users needs a command: add, passwd, remove or list");
    }
    UsersFile file = new UsersFile(Path.of(usersFile != null ? usersFile : configured(env, props)));
    try {
      return dispatch(positional, roles, stdin, file);
    } catch (IllegalStateException e) {
      err.println("junction: " + e.getMessage());
      return 1;
    }
  }

  private int dispatch(List<String> positional, List<String> roles, boolean stdin, UsersFile file) {
    String command = positional.get(0);
    if (command.equals("list")) {
      if (positional.size() != 1) {
        return usage("users list takes no names");
      }
      return list(file);
    }
    if (positional.size() != 2 || !Arrays.asList("add", "passwd", "remove").contains(command)) {
      return usage("usage: users add|passwd|remove NAME");
    }
    String name = positional.get(1);
    if (!UsersFile.NAME.matcher(name).matches()) {
      return usage("a user name is 1 to 64 letters, digits, '.', '_' or '-': \"" + name + "\"");
    }
    for (String r : roles) {
      if (!UsersFile.ROLE.matcher(r).matches()) {
        return usage("a role is 1 to 64 letters, digits, '.', '_' or '-': \"" + r + "\"");
      }
    }
    Map<String, UserRecord> users = file.read();
    switch (command) {
      case "add":
        return add(file, users, name, roles, stdin);
      case "passwd":
        return passwd(file, users, name, stdin);
      default:
        return remove(file, users, name);
    }
  }

  private int add(UsersFile file, Map<String, UserRecord> users, String name, List<String> roles, boolean stdin) {
    String password = password(name, stdin);
    if (password == null) {
      return 2;
    }
    users.put(name, new UserRecord(name, new PasswordHasher().hash(password), roles));
    file.write(users);
    out.println("added user " + name + (roles.isEmpty() ? "" : " with roles " + String.join(", ", roles)) + " to " + file.path());
    return 0;
  }

  private int passwd(UsersFile file, Map<String, UserRecord> users, String name, boolean stdin) {
    UserRecord u = users.get(name);
    if (u == null) {
      err.println("junction: no user " + name + " in " + file.path());
      return 1;
    }
    String password = password(name, stdin);
    if (password == null) {
      return 2;
    }
    users.put(name, new UserRecord(name, new PasswordHasher().hash(password), u.roles()));
    file.write(users);
    out.println("changed the password of " + name);
    return 0;
  }

  private int remove(UsersFile file, Map<String, UserRecord> users, String name) {
    if (users.remove(name) == null) {
      err.println("junction: no user " + name + " in " + file.path());
      return 1;
    }
    file.write(users);
    out.println("removed user " + name);
    return 0;
  }

  private int list(UsersFile file) {
    Map<String, UserRecord> users = file.read();
    if (users.isEmpty()) {
      out.println("no users in " + file.path());
    }
    for (UserRecord u : users.values()) {
      out.println(u.name() + (u.roles().isEmpty() ? "" : "  roles: " + String.join(", ", u.roles())));
    }
    return 0;
  }

  /** The new password: one line of stdin, or typed twice at the terminal; null (after saying why) if none. */
  private String password(String name, boolean stdin) {
    String p;
    if (stdin) {
      try {
        p = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        p = null;
      }
    } else if (console == null) {
      err.println("junction: no terminal to ask for the password; use --password-stdin");
      return null;
    } else {
      char[] first = console.readPassword("Password for %s: ", name);
      char[] second = console.readPassword("Again: ");
      if (first == null || second == null || !Arrays.equals(first, second)) {
        err.println("junction: the passwords do not match");
        return null;
      }
      p = new String(first);
    }
    if (p == null || p.length() < MIN_PASSWORD) {
      err.println("junction: a password needs at least " + MIN_PASSWORD + " characters");
      return null;
    }
    return p;
  }

  private static String configured(Map<String, String> env, Properties props) {
    ConfigLoader loader = new ConfigLoader();
    return loader.load(null, env, props, Map.of()).getJsonObject("auth").getString("users_file");
  }

  private int usage(String message) {
    err.println("junction: " + message);
    err.println(USAGE);
    return 2;
  }
}
