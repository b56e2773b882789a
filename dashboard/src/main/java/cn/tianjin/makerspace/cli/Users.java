package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.MetaService;
import cn.tianjin.makerspace.dashboard.LiveSnapshot;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code ./warehouse users add|list}: the dashboard's users. */
final class Users {
  private Users() {}

  static void run(Args a, InputStream in, PrintStream out) {
    Path warehouse = Path.of(a.required("warehouse"));
    if (!Files.isDirectory(warehouse)) {
      throw new UserError("warehouse folder not found: " + warehouse.toAbsolutePath());
    }
    UserStore users = new UserStore(warehouse);
    String verb = a.positional.isEmpty() ? "" : a.positional.get(0);
    switch (verb) {
      case "add" -> {
        if (a.positional.size() != 2) {
          throw new UserError("usage: ./warehouse users add NAME --role ROLE [--district CODE] --warehouse DIR");
        }
        Role role = Role.parse(a.required("role"));
        String district = a.get("district", null);
        Set<String> known;
        try (LiveSnapshot live = new LiveSnapshot(new SnapshotStore(warehouse), SnapshotDatabase.Limits.NONE)) {
          known = role == Role.DISTRICT ? new MetaService(live).districtCodes() : Set.of();
        }
        User u = users.add(a.positional.get(1), role, district, readPassword(in, out), known);
        out.println("saved user " + u.name() + " (" + u.role().id() + (u.districtCode() == null ? "" : ", district " + u.districtCode()) + ")");
      }
      case "list" -> users.list().forEach(u ->
          out.println(u.name() + "\t" + u.role().id() + (u.districtCode() == null ? "" : "\t" + u.districtCode())));
      default -> throw new UserError("users takes add or list");
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
