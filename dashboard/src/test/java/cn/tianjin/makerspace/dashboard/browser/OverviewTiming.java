package cn.tianjin.makerspace.dashboard.browser;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard benchmark's page timing (run by {@code bench/dashboard.sh}, not a test): logs in
 * to a running dashboard in headless Chromium, opens the overview N times and prints, as
 * Markdown, the time from navigation start until every chart is drawn.
 *
 * <p>Usage: {@code OverviewTiming URL USER PASSWORD_FILE [RUNS]}
 */
public final class OverviewTiming {
  private OverviewTiming() {}

  /** The page's timeline: the document, its scripts and API calls (start–end), then each chart's drawing. */
  private static final String TIMELINE = """
      const r = (x) => Math.round(x);
      const nav = performance.getEntriesByType('navigation')[0];
      const parts = [`document ${r(nav.requestStart)}–${r(nav.responseEnd)}`, `DOMContentLoaded ${r(nav.domContentLoadedEventEnd)}`];
      for (const e of performance.getEntriesByType('resource')) {
        const name = new URL(e.name).pathname.replace(/^.*\\/(?=[^/]+\\.js$)/, '');
        if (name.startsWith('/api/') || name.endsWith('.js')) parts.push(`${name} ${r(e.startTime)}–${r(e.responseEnd)}`);
      }
      for (const m of performance.getEntriesByType('mark')) parts.push(`${m.name} ${r(m.startTime)}`);
      return parts.join(', ');
      """;

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: OverviewTiming URL USER PASSWORD_FILE [RUNS]");
      System.exit(2);
    }
    String url = args[0].replaceAll("/+$", "");
    String user = args[1];
    String password = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8).get(0);
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    ChromeDriver driver = Chromium.start();
    try {
      driver.get(url + "/login");
      new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "true".equals(driver.executeScript("return document.body.dataset.ready")));
      driver.findElement(By.id("name")).sendKeys(user);
      driver.findElement(By.id("password")).sendKeys(password);
      driver.findElement(By.id("login-button")).click();
      new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> !URI.create(driver.getCurrentUrl()).getPath().equals("/login"));
      List<Double> ms = new ArrayList<>();
      List<String> timelines = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        driver.get(url + "/");
        ms.add(Chromium.msUntilChartsDrawn(driver));
        timelines.add(String.valueOf(driver.executeScript(TIMELINE)));
      }
      List<Long> shown = ms.stream().map(m -> Math.round(Math.abs(m))).toList();
      List<Long> sorted = new ArrayList<>(shown);
      sorted.sort(null);
      long median = sorted.get(sorted.size() / 2);
      long worst = sorted.get(sorted.size() - 1);
      System.out.printf(Locale.ROOT, "Overview page (`/`, newest quarter, all districts) in headless Chromium %s, navigation start → every chart drawn:"
          + " runs %s ms (the first with a cold browser cache%s); median of the %d runs **%d ms**, slowest %d ms."
          + " Fully drawn in ≤ 1 s (the median): %s.%n",
          driver.getCapabilities().getBrowserVersion(), shown,
          ms.stream().anyMatch(m -> m < 0) ? "; a run already drawn when the watch began counts as its upper bound" : "",
          shown.size(), median, worst, median <= 1000 ? "**met**" : "**not met**");
      System.out.println();
      System.out.println("Where the time went (ms since navigation start; each request as start–end):");
      for (int i = 0; i < runs; i++) {
        System.out.printf(Locale.ROOT, "- run %d: %s%n", i + 1, timelines.get(i));
      }
    } finally {
      driver.quit();
    }
  }
}
