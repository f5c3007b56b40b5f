package io.junction.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.client.JunctionClient;
import io.junction.client.Scope;
import io.junction.client.Subscription;

import java.util.concurrent.TimeUnit;

/**
 * {@code junction join SCOPE [--meta JSON] [--topic T]... [--count N]}: joins the scope and prints its members,
 * then who joins and leaves and the messages published to {@code scope.SCOPE.T} (see {@link ScopeLines}), until
 * N events and messages were printed, or forever. Survives the node restarting: the client reconnects, joins
 * again (the changes meanwhile are printed as events) and, when the scope keeps history, recovers the messages it
 * missed; stderr says how that went. Ends with the hub's refusal when it refuses the join, a topic, or the join
 * again after a reconnect.
 */
final class JoinCommand {

  private JoinCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("join", "--meta", "--topic", "--count");
    if (args.positionals.size() != 2) {
      throw new Cli.UsageException("usage: junction join SCOPE [--meta JSON] [--topic T]... [--count N]");
    }
    String name = args.positionals.get(1);
    JsonNode meta = args.values.containsKey("--meta") ? Main.object(args.values.get("--meta"), "--meta") : null;
    long count = Cli.number("--count", args.value("--count", "0"), 0);
    JoinOutput out = new JoinOutput(cli, count);
    try (JunctionClient client = cli.connect(cli.options(false).errorListener(out::error).build())) {
      Scope scope = client.join(name, meta, out).get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
      out.list(scope);
      for (String topic : args.all("--topic")) {
        Subscription s = client.subscribe("scope." + name + "." + topic, out);
        out.watch(s);
        s.ready().get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
      }
      cli.err.println("junction: joined " + name + " as " + scope.clientId() + " on " + client.currentServer());
      out.done.get();
    } catch (Exception e) {
      return cli.fail(e);
    }
    return Cli.OK;
  }
}
