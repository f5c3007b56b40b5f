package io.junction.client.cli;

import io.junction.client.Identity;
import io.junction.client.JunctionClient;

/**
 * {@code junction login --user NAME}: logs in and prints the token the hub issued, for scripts:
 * {@code export JUNCTION_TOKEN=$(junction login --user alice)}. With {@code --json}: user, roles, token, expiry.
 */
final class LoginCommand {

  private LoginCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("login");
    if (args.positionals.size() != 1 || cli.credentials.user() == null) {
      throw new Cli.UsageException("usage: junction login --user NAME [--password-stdin]");
    }
    try (JunctionClient client = cli.connect(cli.options(true).build())) {
      Identity me = client.identity();
      if (cli.json) {
        StringBuilder roles = new StringBuilder("[");
        for (String r : me.roles()) {
          roles.append(roles.length() > 1 ? "," : "").append(Main.quote(r));
        }
        cli.out.println("{\"user\":" + Main.quote(me.user()) + ",\"roles\":" + roles + "],\"token\":"
          + (me.token() == null ? "null" : Main.quote(me.token())) + ",\"expiresAt\":" + me.expiresAt() + "}");
      } else if (me.token() == null) {
        cli.err.println("junction: logged in as " + me.user() + ", but this hub issues no tokens");
      } else {
        cli.out.println(me.token());
      }
      return Cli.OK;
    } catch (Exception e) {
      return cli.fail(e);
    }
  }
}
