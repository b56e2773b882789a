package cn.tianjin.makerspace.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.UserError;
import org.junit.jupiter.api.Test;

/** The console's memory budget as {@code --console-memory} gives it, and how it is shared. */
class ConsoleBudgetTest {
  @Test
  void theBudgetIsSharedByTheQueryProcessesLessTheirJvms() {
    ConsoleProcesses.Budget b = ConsoleProcesses.Budget.withMemory("6g");
    assertEquals(ConsoleProcesses.Budget.DEFAULT, b);
    assertEquals(1536L << 20, b.bytesPerProcess());
    assertEquals(new SnapshotDatabase.Limits("1216MiB", 2), b.duckDb());
    assertEquals(1024L << 20, ConsoleProcesses.Budget.withMemory("4096M").bytesPerProcess());
    assertEquals(4096L << 20, ConsoleProcesses.Budget.withMemory(" 16G ").bytesPerProcess());
  }

  @Test
  void aBudgetTooSmallOrMalformedIsRefusedWithWhatToDo() {
    UserError small = assertThrows(UserError.class, () -> ConsoleProcesses.Budget.withMemory("1g"));
    assertTrue(small.getMessage().contains("leaves DuckDB less than 64 MiB each"), small.getMessage());
    for (String bad : new String[] {"6", "6gb", "-1g", "six", ""}) {
      UserError e = assertThrows(UserError.class, () -> ConsoleProcesses.Budget.withMemory(bad), bad);
      assertTrue(e.getMessage().startsWith("--console-memory takes a size such as 6g"), e.getMessage());
    }
  }
}
