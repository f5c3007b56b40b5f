package io.junction.client.cli;

import io.junction.client.JunctionClient;
import io.junction.client.Message;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code junction history SCOPE [--after SEQ] [--limit N]}: prints the messages the scope kept, oldest first, one
 * per line ({@code SEQ ADDRESS BODY}, or with {@code --json} {@code {"seq","address","headers","body"}}): those
 * after SEQ (-1: from the scope's first message), else whatever it still keeps; at most N. Fails with
 * {@code history_gone} when messages after SEQ are no longer kept, or the scope keeps no history.
 */
final class HistoryCommand {

  /** Messages asked for per request: the hub's largest page. */
  private static final int PAGE = 1000;

  private HistoryCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("history", "--after", "--limit");
    if (args.positionals.size() != 2) {
      throw new Cli.UsageException("usage: junction history SCOPE [--after SEQ] [--limit N]");
    }
    String after = args.values.get("--after");
    String limit = args.values.get("--limit");
    long from = after == null ? Long.MIN_VALUE : Cli.number("--after", after, -1);
    long max = limit == null ? Long.MAX_VALUE : Cli.number("--limit", limit, 1);
    try (JunctionClient client = cli.connect(cli.options(true).build())) {
      print(cli, client, args.positionals.get(1), from, max);
      return Cli.OK;
    } catch (Exception e) {
      return cli.fail(e);
    }
  }

  /** Asks page after page until a page is short (the newest message is printed) or {@code max} were printed. */
  private static void print(Cli cli, JunctionClient client, String scope, long after, long max) throws Exception {
    long printed = 0;
    while (printed < max) {
      int ask = (int) Math.min(PAGE, max - printed);
      List<Message> page = client.history(scope, after, ask).get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
      for (Message m : page) {
        cli.out.println(ScopeLines.kept(m, cli.json));
      }
      printed += page.size();
      if (page.size() < ask) {
        return;
      }
      after = page.get(page.size() - 1).seq();
    }
  }
}
