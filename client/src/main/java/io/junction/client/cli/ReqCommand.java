package io.junction.client.cli;

import io.junction.client.JunctionClient;
import io.junction.client.Message;

import java.time.Duration;

/** {@code junction req ADDRESS JSON}: sends a request and prints the reply's body. */
final class ReqCommand {

  private ReqCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("req");
    if (args.positionals.size() != 3) {
      throw new Cli.UsageException("usage: junction req ADDRESS JSON");
    }
    Object body = Main.json(args.positionals.get(2));
    try (JunctionClient client = cli.connect(cli.options(true).build())) {
      Message reply = client.request(args.positionals.get(1), body, Duration.ofMillis(cli.timeoutMs));
      cli.out.println(cli.json ? Main.line(args.positionals.get(1), reply) : reply.bodyText());
      return Cli.OK;
    } catch (Exception e) {
      return cli.fail(e);
    }
  }
}
