package io.junction.client.cli;

import io.junction.client.JunctionClient;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** {@code junction ping [--count N]}: pings the server and prints each round trip. */
final class PingCommand {

  private PingCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("ping", "--count");
    if (args.positionals.size() != 1) {
      throw new Cli.UsageException("usage: junction ping [--count N]");
    }
    long count = Cli.number("--count", args.value("--count", "1"), 1);
    try (JunctionClient client = cli.connect(cli.options(true).build())) {
      for (long i = 0; i < count; i++) {
        Duration rtt = client.ping().get(cli.timeoutMs, TimeUnit.MILLISECONDS);
        double micros = rtt.toNanos() / 1000.0;
        if (cli.json) {
          cli.out.println(String.format(Locale.ROOT, "{\"server\":%s,\"rttMicros\":%.1f}", Main.quote(client.currentServer().toString()), micros));
        } else {
          cli.out.println(String.format(Locale.ROOT, "pong from %s in %.3f ms", client.currentServer(), micros / 1000));
        }
      }
      return Cli.OK;
    } catch (Exception e) {
      return cli.fail(e);
    }
  }
}
