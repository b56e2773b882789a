package cn.tianjin.makerspace.transforms;

import java.util.List;
import java.util.Locale;

/**
 * The results of one run of the data checks, in the order they ran.
 *
 * @param results one per check
 * @param millis how long they took together
 */
public record CheckReport(List<CheckResult> results, long millis) {
  public CheckReport {
    results = List.copyOf(results);
  }

  public List<CheckResult> failures() {
    return results.stream().filter(r -> !r.passed()).toList();
  }

  public boolean allPassed() {
    return failures().isEmpty();
  }

  public int passedCount() {
    return results.size() - failures().size();
  }

  /** {@code 50 passed in 2.1 s} or {@code 49 passed, 1 failed in 2.3 s}. */
  public String summary() {
    int failed = failures().size();
    return String.format(Locale.ROOT, "%d passed%s in %.1f s", passedCount(), failed == 0 ? "" : ", " + failed + " failed", millis / 1000.0);
  }
}
