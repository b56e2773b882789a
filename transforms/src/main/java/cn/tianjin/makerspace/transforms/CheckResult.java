package cn.tianjin.makerspace.transforms;

import java.util.List;

/**
 * What one check found.
 *
 * @param check the check
 * @param failingRows how many rows its query returned (0: passed)
 * @param samples up to {@link CheckRunner#SAMPLES} of those rows as text ({@code column=value, …})
 */
public record CheckResult(DataCheck check, long failingRows, List<String> samples) {
  public CheckResult {
    samples = List.copyOf(samples);
  }

  public boolean passed() {
    return failingRows == 0;
  }
}
