package cn.tianjin.makerspace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.UserError;
import cn.tianjin.makerspace.dashboard.UserStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./warehouse users add}: the same password rule as the admin page, said in both languages. */
class UsersCliTest {
  @TempDir Path warehouse;

  private String add(String name, String password) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Users.run(Args.parse("users", new String[] {"users", "add", name, "--role", "leader", "--warehouse", warehouse.toString()}, 1,
        Set.of("warehouse", "role", "district")), new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aTrivialPasswordIsRefusedWithTheRuleInBothLanguages() {
    for (String trivial : new String[] {"aaaaaaaaaa", "          ", "zhangsan01"}) {
      UserError e = assertThrows(UserError.class, () -> add("zhangsan01", trivial), trivial);
      assertTrue(e.getMessage().contains("password") && e.getMessage().contains("密码"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
    assertTrue(new UserStore(warehouse).list().isEmpty());
    assertEquals("saved user zhangsan01 (leader)\n", add("zhangsan01", "Tianjin-2025!").replace("\r", ""));
  }
}
