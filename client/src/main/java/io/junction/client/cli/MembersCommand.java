package io.junction.client.cli;

import io.junction.client.JunctionClient;
import io.junction.client.ScopeMember;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code junction members SCOPE}: prints the scope's members, oldest first, one per line (see {@link ScopeLines}). */
final class MembersCommand {

  private MembersCommand() {
  }

  static int run(Cli cli, Args args) throws Exception {
    args.only("members");
    if (args.positionals.size() != 2) {
      throw new Cli.UsageException("usage: junction members SCOPE");
    }
    try (JunctionClient client = cli.connect(cli.options(true).build())) {
      List<ScopeMember> members = client.members(args.positionals.get(1)).get(cli.timeoutMs + 1000, TimeUnit.MILLISECONDS);
      for (ScopeMember m : members) {
        cli.out.println(ScopeLines.member(m, cli.json));
      }
      return Cli.OK;
    } catch (Exception e) {
      return cli.fail(e);
    }
  }
}
