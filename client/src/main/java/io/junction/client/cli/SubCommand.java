package io.junction.client.cli;

import io.junction.client.JunctionClient;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code junction sub ADDRESS [--count N]}: prints every message (the body, or with {@code --json} one line of
 * {@code {"address","headers","body"}}) until N arrived, or forever. Survives the node restarting: the client
 * reconnects and subscribes again.
 */
final class SubCommand {

  private SubCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("sub", "--count");
    if (args.positionals.size() != 2) {
      throw new Cli.UsageException("usage: junction sub ADDRESS [--count N]");
    }
    String address = args.positionals.get(1);
    long count = Cli.number("--count", args.value("--count", "0"), 0);
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong seen = new AtomicLong();
    try (JunctionClient client = cli.connect(cli.options(false).build())) {
      client.subscribe(address, m -> {
        cli.out.println(cli.json ? Main.line(m.address(), m) : m.bodyText());
        cli.out.flush();
        if (count > 0 && seen.incrementAndGet() >= count) {
          done.countDown();
        }
      }).ready().get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
      cli.err.println("junction: subscribed to " + address + " on " + client.currentServer());
      done.await();
    } catch (Exception e) {
      return cli.fail(e);
    }
    return Cli.OK;
  }
}
