package cn.tianjin.makerspace.cli;

import cn.tianjin.makerspace.common.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options, {@code --flag} switches and positional words of one subcommand. */
final class Args {
  final Map<String, String> options = new LinkedHashMap<>();
  final List<String> positional = new ArrayList<>();

  static Args parse(String command, String[] argv, int from, Set<String> known) {
    return parse(command, argv, from, known, Set.of());
  }

  static Args parse(String command, String[] argv, int from, Set<String> known, Set<String> flags) {
    Args a = new Args();
    for (int i = from; i < argv.length; i++) {
      String s = argv[i];
      if (s.startsWith("--")) {
        String name = s.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flags.contains(name) && value == null) {
          a.options.put(name, "true");
          continue;
        }
        if (!known.contains(name)) {
          throw new UserError("unknown option --" + name + " for '" + command + "' (see './warehouse help')");
        }
        if (value == null) {
          if (i + 1 >= argv.length) {
            throw new UserError("option --" + name + " needs a value");
          }
          value = argv[++i];
        }
        a.options.put(name, value);
      } else {
        a.positional.add(s);
      }
    }
    return a;
  }

  String required(String name) {
    String v = options.get(name);
    if (v == null || v.isBlank()) {
      throw new UserError("missing --" + name + " (see './warehouse help')");
    }
    return v;
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  String get(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }
}
