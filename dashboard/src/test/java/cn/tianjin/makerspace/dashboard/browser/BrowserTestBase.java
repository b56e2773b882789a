package cn.tianjin.makerspace.dashboard.browser;

import cn.tianjin.makerspace.dashboard.web.DashboardApp;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Browser tests: the app over {@link FixtureWarehouse} on a random port and one headless Chromium
 * per test class. Helpers log in through the real log-in page, wait for a page to be ready
 * ({@code body[data-ready=true]}) and save a screenshot of each page visited under
 * {@code target/screenshots/<name>.png}. Files the pages download go to {@link #downloads}, a new
 * temporary folder per class.
 */
@Tag("browser")
public abstract class BrowserTestBase {
  protected static final Path SCREENSHOTS = Path.of("target", "screenshots");
  protected static final Duration WAIT = Duration.ofSeconds(60); // a shared 2-core machine

  protected static Javalin app;
  protected static ChromeDriver driver;
  protected static String base;
  protected static Path downloads;

  @BeforeAll
  protected static void startAppAndBrowser() throws IOException {
    Chromium.require(); // before the fixture's 40 s: fail at once with the install command
    startApp(DashboardServer.deps(FixtureWarehouse.get()));
    downloads = Files.createTempDirectory("browser-downloads");
    driver = Chromium.start(downloads);
  }

  /** (Re)starts the app on other dependencies (e.g. a copy of the fixture's users); the browser stays. */
  protected static void startApp(DashboardApp.Deps deps) {
    if (app != null) {
      app.stop();
    }
    app = DashboardApp.create(deps).start(0);
    base = "http://localhost:" + app.port();
  }

  @AfterAll
  protected static void stopBrowserAndApp() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (app != null) {
      app.stop();
      app = null;
    }
    if (downloads != null) {
      try (Stream<Path> files = Files.walk(downloads)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      downloads = null;
    }
  }

  /** Logs in as a fixture user on the log-in page; returns once the landing page has loaded. */
  protected static void login(String user) {
    login(user, FixtureWarehouse.password(user));
    new WebDriverWait(driver, WAIT).until(d -> !path().equals("/login"));
  }

  /** Fills in and submits the log-in form (a fresh session, Chinese labels); does not wait. */
  protected static void login(String user, String password) {
    driver.get(base + "/login");
    driver.manage().deleteAllCookies();
    driver.executeScript("localStorage.removeItem('lang')");
    driver.navigate().refresh();
    waitReady();
    screenshot("login");
    driver.findElement(By.id("name")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("login-button")).click();
  }

  /** Opens a path of the app, waits until it is ready and saves a screenshot as {@code name}. */
  protected static void open(String path, String name) {
    driver.get(base + path);
    waitReady();
    screenshot(name);
  }

  /** As {@link #open}, for a page with charts: the screenshot is taken once every chart is drawn. */
  protected static void openDrawn(String path, String name) {
    driver.get(base + path);
    waitReady();
    waitChartsDrawn();
    screenshot(name);
  }

  /** Waits for {@code body[data-ready=true]}; a page that reports an error fails the test with its message. */
  protected static void waitReady() {
    String state = new WebDriverWait(driver, WAIT).until(d -> {
      Object s = driver.executeScript("return document.body && document.body.dataset.ready");
      return s == null ? null : s.toString();
    });
    if (!state.equals("true")) {
      throw new AssertionError("page " + driver.getCurrentUrl() + " is '" + state + "': " + text("#error"));
    }
  }

  /** Waits until the page has been replaced (after a click that navigates or reloads), then until it is ready. */
  protected static void waitReloaded(WebElement oldBody) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.stalenessOf(oldBody));
    waitReady();
  }

  /** Waits until every {@code .chart} of the page has {@code data-drawn="true"}. */
  protected static void waitChartsDrawn() {
    new WebDriverWait(driver, WAIT).until(d -> {
      List<WebElement> charts = d.findElements(By.cssSelector(".chart"));
      return !charts.isEmpty() && charts.stream().allMatch(c -> "true".equals(c.getDomAttribute("data-drawn")));
    });
  }

  /**
   * What ECharts holds for chart {@code #id}: {@code drawn} (its data-drawn), {@code canvas}
   * (whether it has one), {@code series}, {@code points} (non-empty data items of every series),
   * {@code total} (the sum of their numbers; for [x, y, v] items the v), {@code x} and {@code y}
   * (the axes' categories, empty for a value axis).
   */
  @SuppressWarnings("unchecked")
  protected static Map<String, Object> chart(String id) {
    Map<String, Object> c = (Map<String, Object>) driver.executeScript(
        """
        const n = document.getElementById(arguments[0]);
        const c = n && echarts.getInstanceByDom(n);
        if (!c) return null;
        const o = c.getOption();
        const value = (d) => (d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d);
        const points = o.series.flatMap((s) => (s.data || []).map(value)).filter((v) => v !== null && v !== undefined && v !== '-');
        const numbers = points.map((v) => (Array.isArray(v) ? v[v.length - 1] : v)).filter((v) => typeof v === 'number');
        const cats = (axis) => (axis && axis[0] && axis[0].data ? axis[0].data.map((d) => (typeof d === 'object' ? d.value : d)) : []);
        return {
          drawn: n.dataset.drawn || null, canvas: n.querySelector('canvas') !== null, series: o.series.length,
          points: points.length, total: numbers.reduce((a, b) => a + b, 0), x: cats(o.xAxis), y: cats(o.yAxis),
        };
        """, id);
    if (c == null) {
      throw new AssertionError("no chart #" + id + " on " + driver.getCurrentUrl());
    }
    return c;
  }

  /** Asserts that chart {@code #id} is drawn on a canvas with data; returns {@link #chart(String)}. */
  protected static Map<String, Object> assertDrawnWithData(String id) {
    Map<String, Object> c = chart(id);
    if (!"true".equals(c.get("drawn")) || !Boolean.TRUE.equals(c.get("canvas")) || ((Number) c.get("points")).intValue() == 0) {
      throw new AssertionError("#" + id + " is not drawn with data: " + c);
    }
    return c;
  }

  /** The keys ({@code data-page}) of the navigation's links. */
  protected static List<String> nav() {
    return driver.findElements(By.cssSelector("nav a[data-page]")).stream().map(a -> a.getDomAttribute("data-page")).toList();
  }

  /** The texts of the elements matching {@code css}. */
  protected static List<String> texts(String css) {
    return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  /** An attribute of every element matching {@code css}. */
  protected static List<String> attributes(String css, String attribute) {
    return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getDomAttribute(attribute)).toList();
  }

  /** A query on the fixture's snapshot (the tests' shared DuckDB, {@code ?} parameters): the expected figures. */
  protected static List<List<Object>> mart(String sql, Object... params) {
    return FixtureWarehouse.rows(sql, params);
  }

  /** The single number a query returns. */
  protected static long count(String sql, Object... params) {
    return FixtureWarehouse.count(sql, params);
  }

  /** Waits until {@code name} is completely downloaded into {@link #downloads} (no .crdownload left) and returns it. */
  protected static Path downloaded(String name) {
    return downloadedLike(java.util.regex.Pattern.quote(name));
  }

  /** Waits until one file whose name matches {@code regex} is completely downloaded into {@link #downloads} and returns it. */
  protected static Path downloadedLike(String regex) {
    return new WebDriverWait(driver, WAIT).until(d -> {
      try (Stream<Path> files = Files.list(downloads)) {
        List<Path> all = files.toList();
        List<Path> found = all.stream().filter(f -> f.getFileName().toString().matches(regex)).toList();
        boolean partial = all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        if (found.size() > 1) {
          throw new AssertionError("more than one download matches " + regex + ": " + found);
        }
        return found.size() == 1 && !partial ? found.get(0) : null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  protected static String text(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "(no " + css + ")" : found.get(0).getText();
  }

  /** The path of the current URL. */
  protected static String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  /** Saves the window as {@code target/screenshots/<name>.png}. */
  protected static Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      byte[] png;
      try {
        png = driver.getScreenshotAs(OutputType.BYTES);
      } catch (org.openqa.selenium.TimeoutException busy) {
        // Chromium's renderer sometimes misses chromedriver's 10 s reply window on a loaded
        // two-core machine; the page is drawn, so one more try is what a person would do
        png = driver.getScreenshotAs(OutputType.BYTES);
      }
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
