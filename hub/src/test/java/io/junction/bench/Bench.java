package io.junction.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What every section shares: the number of runs, the servers (all stopped at the end), a temp dir, and the
 * configurations of the Junction nodes under test.
 */
final class Bench {

  static final String ADDRESS = "scope.lobby.bench";
  static final String NATS_SUBJECT = "bench.x";
  /** The default lobby without its history: plain pub/sub, comparable with the stock bridge and NATS. */
  static final String NO_HISTORY = "-Djunction.scopes.rules={\"lobby\": {\"join\": [\"anonymous\"], "
    + "\"publish\": [\"anonymous\"], \"subscribe\": [\"anonymous\"], \"history_size\": 0}}";

  final int runs;
  final Servers servers;
  final Path tmp;

  Bench(int runs, Servers servers, Path tmp) {
    this.runs = runs;
    this.servers = servers;
    this.tmp = tmp;
  }

  /** A standalone Junction node with the lobby's history off. */
  ServerProcess junctionPlain(String name) throws Exception {
    return servers.junction(name, List.of(NO_HISTORY));
  }

  static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
