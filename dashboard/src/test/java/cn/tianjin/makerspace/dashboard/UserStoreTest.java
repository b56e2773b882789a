package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person's chosen password: long enough, and not trivial. */
class UserStoreTest {
  @TempDir Path warehouse;

  private static boolean hasChinese(String s) {
    return s.chars().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff);
  }

  @Test
  void trivialPasswordsAreRefusedInChineseAndEnglish() {
    UserStore users = new UserStore(warehouse);
    for (String[] c : List.of(new String[] {"wang", "aaaaaaaaaa"}, new String[] {"wang", "          "}, new String[] {"wang", "\t \t \t \t \t "},
        new String[] {"wang", "abababababab"}, new String[] {"wang", "1212121212"}, new String[] {"longname01", "longname01"},
        new String[] {"LongName01", "longname01"}, new String[] {"wang", "short"})) {
      UserError e = assertThrows(UserError.class, () -> users.add(c[0], Role.LEADER, null, c[1].toCharArray(), Set.of()),
          "'" + c[1] + "' for " + c[0]);
      assertTrue(hasChinese(e.getMessage()) && e.getMessage().contains("password"), e.getMessage());
    }
    assertTrue(users.list().isEmpty());
    users.add("wang", Role.LEADER, null, "Tianjin-2025!".toCharArray(), Set.of());
    users.add("li", Role.LEADER, null, "a-long-password-1".toCharArray(), Set.of());
    assertTrue(users.find("wang").isPresent() && users.find("li").isPresent());
  }
}
