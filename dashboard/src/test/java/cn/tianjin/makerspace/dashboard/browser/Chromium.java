package cn.tianjin.makerspace.dashboard.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests and the page-timing benchmark: Debian's {@code chromium}
 * and {@code chromedriver}, named explicitly so that Selenium Manager never downloads anything.
 * Override the paths with {@code -Dbrowser.chromium=...} and {@code -Dbrowser.chromedriver=...}.
 */
public final class Chromium {
  public static final Path BINARY = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
  public static final Path DRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
  public static final String INSTALL = "apt-get install -y chromium chromium-driver";
  public static final int WIDTH = 1440;
  public static final int HEIGHT = 1600;
  /** Quiet: Selenium's DevTools bindings (not used here) warn when none matches the browser's version. */
  private static final java.util.logging.Logger CDP_LOG = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
    l.setLevel(java.util.logging.Level.SEVERE);
    return l;
  }

  private Chromium() {}

  /** Fails (never skips) with the install command when Chromium or its driver is missing. */
  public static void require() {
    for (Path p : new Path[] {BINARY, DRIVER}) {
      if (!Files.isExecutable(p)) {
        throw new AssertionError("The browser tests need headless Chromium, but " + p + " is missing. Install it with: "
            + INSTALL + " (Debian; .ci/run does this), or point -Dbrowser.chromium / -Dbrowser.chromedriver at them.");
      }
    }
  }

  /**
   * A new headless browser (Chinese locale, fixed window). Page loads return at DOMContentLoaded
   * ("eager"): the pages fetch their data afterwards, so tests wait for {@code body[data-ready]}
   * anyway, and the timing can watch the charts being drawn from the start.
   */
  public static ChromeDriver start() {
    return start(null);
  }

  /**
   * As {@link #start()}; with {@code downloads} not null, files the pages download (export links)
   * are saved there without asking.
   */
  public static ChromeDriver start(Path downloads) {
    require();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // root in a container
        "--disable-dev-shm-usage", // small /dev/shm in containers
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--lang=zh-CN",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync");
    Map<String, Object> prefs = new java.util.HashMap<>(Map.of("intl.accept_languages", "zh-CN,zh"));
    if (downloads != null) {
      prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
      prefs.put("download.prompt_for_download", false);
      prefs.put("download.directory_upgrade", true);
    }
    options.setExperimentalOption("prefs", prefs);
    options.setPageLoadStrategy(PageLoadStrategy.EAGER);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    return driver;
  }

  /**
   * Run right after a navigation returned: waits until the page is ready and every {@code .chart}
   * is drawn, and returns the milliseconds from the navigation's start to that moment
   * ({@code performance.now()}, whose origin is the navigation start). A MutationObserver catches
   * the last {@code data-drawn} attribute as it is set; if everything was drawn before the
   * observer started, the time is an upper bound (negative: marked by the sign).
   */
  public static double msUntilChartsDrawn(JavascriptExecutor js) {
    Object r = js.executeAsyncScript(
        """
        const done = arguments[arguments.length - 1];
        const complete = () => {
          const charts = document.querySelectorAll('.chart');
          return document.body && document.body.dataset.ready === 'true' && charts.length > 0
              && [...charts].every((c) => c.dataset.drawn === 'true');
        };
        if (complete()) { done(-performance.now()); return; }
        if (document.body && document.body.dataset.ready === 'error') { done('error: ' + document.getElementById('error').textContent); return; }
        const obs = new MutationObserver(() => {
          if (complete()) { obs.disconnect(); done(performance.now()); }
          else if (document.body.dataset.ready === 'error') { obs.disconnect(); done('error: ' + document.getElementById('error').textContent); }
        });
        obs.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ['data-drawn', 'data-ready'] });
        """);
    if (r instanceof Number n) {
      return n.doubleValue();
    }
    throw new AssertionError("the page did not draw: " + r);
  }
}
