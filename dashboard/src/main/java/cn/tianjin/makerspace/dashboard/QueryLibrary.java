package cn.tianjin.makerspace.dashboard;

import java.util.List;

/**
 * The SQL console's memory: each analyst's last queries (read back from the audit log) and the
 * saved queries every analyst shares. A query is saved only if the console would run it; saving
 * and deleting are written to the audit log with who did it.
 */
public final class QueryLibrary {
  private final LiveSnapshot live;
  private final ConsoleStore store;

  public QueryLibrary(LiveSnapshot live, ConsoleStore store) {
    this.live = live;
    this.store = store;
  }

  public List<ConsoleStore.HistoryEntry> history(User user) {
    return store.history(user.name());
  }

  public List<ConsoleStore.SavedQuery> saved() {
    return store.saved();
  }

  /** Saves a query for every analyst; it must be a query the console would run. */
  public ConsoleStore.SavedQuery save(User user, String name, String sql) {
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      throw new BilingualError(new Message("give the saved query a name of 1 to 100 characters", "请给要保存的查询起一个 1 到 100 个字符的名称"));
    }
    ConsoleService.requireText(sql);
    live.get().requireSingleQuery(sql);
    ConsoleStore.SavedQuery q = store.save(user.name(), name.strip(), sql);
    store.record(new ConsoleStore.AuditEntry(ConsoleStore.now(), user.name(), ConsoleStore.Action.SAVE, q.id(), sql, ConsoleStore.Outcome.OK, 0, false, 0, null));
    return q;
  }

  /** Deletes a saved query (any analyst may: the list is shared, and the audit log names who). */
  public boolean deleteSaved(User user, String id) {
    ConsoleStore.SavedQuery q = id == null ? null : store.saved().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    if (q == null || !store.delete(id)) {
      return false;
    }
    store.record(new ConsoleStore.AuditEntry(ConsoleStore.now(), user.name(), ConsoleStore.Action.DELETE_SAVED, id, q.sql(), ConsoleStore.Outcome.OK, 0, false, 0, null));
    return true;
  }
}
