package io.junction.client.cli;

import io.junction.client.JunctionClient;
import io.junction.client.JunctionException;
import io.junction.client.RawJson;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** {@code junction pub ADDRESS JSON [--count N]}: publishes, and waits until the hub accepted the last one. */
final class PubCommand {

  private PubCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("pub", "--count");
    if (args.positionals.size() != 3) {
      throw new Cli.UsageException("usage: junction pub ADDRESS JSON [--count N]");
    }
    String address = args.positionals.get(1);
    RawJson body = Main.json(args.positionals.get(2));
    long count = Cli.number("--count", args.value("--count", "1"), 1);
    AtomicReference<JunctionException> refused = new AtomicReference<>();
    try (JunctionClient client = cli.connect(cli.options(true).errorListener(e -> refused.compareAndSet(null, e)).build())) {
      for (long i = 1; i < count; i++) {
        client.publish(address, body);
      }
      client.publishConfirmed(address, body).get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
      if (refused.get() != null) {
        return cli.fail(refused.get());
      }
    } catch (Exception e) {
      return cli.fail(e);
    }
    if (cli.json) {
      cli.out.println("{\"published\":" + count + ",\"address\":" + Main.quote(address) + "}");
    } else {
      cli.out.println("published " + count + (count == 1 ? " message" : " messages") + " to " + address);
    }
    return Cli.OK;
  }
}
