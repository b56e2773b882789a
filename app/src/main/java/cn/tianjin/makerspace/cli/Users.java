package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.LiveSnapshot;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.SnapshotDatabase;
import cn.tianjin.makerspace.dashboard.User;
import cn.tianjin.makerspace.dashboard.UserStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./warehouse users add|list}: the dashboard's users. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "The dashboard's users.",
    subcommands = {Users.Add.class, Users.ListUsers.class})
final class Users {
  @ParentCommand Warehouse root;

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add or reset a dashboard user; the password is read from standard input.")
  static final class Add implements Callable<Integer> {
    @ParentCommand Users users;
    @Mixin Options.Server server;
    @Parameters(paramLabel = "NAME", description = "the user's name") String name;
    @Option(names = "--role", paramLabel = "ROLE", required = true, description = "leader, analyst, district or admin") String role;
    @Option(names = "--district", paramLabel = "CODE", description = "a district user's district (six digits)") String district;

    @Override
    public Integer call() {
      Path home = server.home();
      Role r = Role.parse(role);
      Set<String> known;
      try (LiveSnapshot live = new LiveSnapshot(server.existing(), SnapshotDatabase.Limits.NONE)) {
        known = r == Role.DISTRICT ? new MetaService(live).districtCodes() : Set.of();
      }
      PrintStream out = users.root.out;
      User u = new UserStore(home).add(name, r, district, readPassword(users.root.in, out), known);
      out.println("saved user " + u.name() + " (" + u.role().id() + (u.districtCode() == null ? "" : ", district " + u.districtCode()) + ")");
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The users: name, role and district, one a line.")
  static final class ListUsers implements Callable<Integer> {
    @ParentCommand Users users;
    @Mixin Options.Server server;

    @Override
    public Integer call() {
      server.existing(); // a mistyped warehouse is named, not listed as having no users
      new UserStore(server.home()).list().forEach(u ->
          users.root.out.println(u.name() + "\t" + u.role().id() + (u.districtCode() == null ? "" : "\t" + u.districtCode())));
      return 0;
    }
  }

  /** The password: typed without echo at a terminal, else the first line of standard input. */
  private static char[] readPassword(InputStream in, PrintStream out) {
    Console console = System.console();
    if (console != null && in == System.in) {
      char[] p = console.readPassword("password: ");
      char[] again = console.readPassword("again: ");
      if (p == null || !java.util.Arrays.equals(p, again)) {
        throw new UserError("the two passwords differ");
      }
      return p;
    }
    try {
      String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        throw new UserError("give the password on standard input");
      }
      return line.toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
