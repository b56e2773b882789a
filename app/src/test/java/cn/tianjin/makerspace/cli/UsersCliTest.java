package cn.tianjin.makerspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.UserStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./warehouse users add}: the same password rule as the admin page, said in both languages. */
class UsersCliTest {
  @TempDir Path warehouse;

  record Result(int status, String out, String err) {}

  private Result add(String name, String password) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Warehouse.run(new String[] {"users", "add", name, "--role", "leader", "--warehouse", warehouse.toString()},
        new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aTrivialPasswordIsRefusedWithTheRuleInBothLanguages() {
    for (String trivial : new String[] {"aaaaaaaaaa", "          ", "zhangsan01"}) {
      Result r = add("zhangsan01", trivial);
      assertEquals(Commands.USER_ERROR, r.status(), trivial);
      assertTrue(r.err().startsWith("error: ") && r.err().contains("password") && r.err().contains("密码"), r.err());
      assertEquals(1, r.err().lines().count(), "one line: " + r.err());
    }
    assertTrue(new UserStore(warehouse).list().isEmpty());
    assertEquals(new Result(0, "saved user zhangsan01 (leader)\n", ""), add("zhangsan01", "Tianjin-2025!"));
  }

  /** The command's usage errors: exit 2, the error on one line, then the subcommand's usage. */
  @Test
  void aBadInvocationIsAUsageErrorWithTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Warehouse.run(new String[] {"users", "add", "zhangsan01", "--warehouse", warehouse.toString()},
        new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Commands.USER_ERROR, status);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("error: Missing required option: '--role=ROLE'"), text);
    assertTrue(text.contains("Usage: ./warehouse users add") && text.contains("--district=CODE"), text);
  }
}
