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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * {@code target/screenshots/<name>.png}.
 */
abstract class BrowserTestBase {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Duration WAIT = Duration.ofSeconds(60); // a shared 2-core machine

  static Javalin app;
  static ChromeDriver driver;
  static String base;

  @BeforeAll
  static void startAppAndBrowser() {
    Chromium.require(); // before the fixture's 40 s: fail at once with the install command
    app = DashboardApp.create(DashboardServer.deps(FixtureWarehouse.get())).start(0);
    base = "http://localhost:" + app.port();
    driver = Chromium.start();
  }

  @AfterAll
  static void stopBrowserAndApp() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  /** Logs in as a fixture user on the log-in page; returns once the landing page has loaded. */
  static void login(String user) {
    login(user, FixtureWarehouse.password(user));
    new WebDriverWait(driver, WAIT).until(d -> !path().equals("/login"));
  }

  /** Fills in and submits the log-in form (a fresh session, Chinese labels); does not wait. */
  static void login(String user, String password) {
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
  static void open(String path, String name) {
    driver.get(base + path);
    waitReady();
    screenshot(name);
  }

  /** Waits for {@code body[data-ready=true]}; a page that reports an error fails the test with its message. */
  static void waitReady() {
    String state = new WebDriverWait(driver, WAIT).until(d -> {
      Object s = driver.executeScript("return document.body && document.body.dataset.ready");
      return s == null ? null : s.toString();
    });
    if (!state.equals("true")) {
      throw new AssertionError("page " + driver.getCurrentUrl() + " is '" + state + "': " + text("#error"));
    }
  }

  /** Waits until the page has been replaced (after a click that navigates or reloads), then until it is ready. */
  static void waitReloaded(WebElement oldBody) {
    new WebDriverWait(driver, WAIT).until(ExpectedConditions.stalenessOf(oldBody));
    waitReady();
  }

  /** Waits until every {@code .chart} of the page has {@code data-drawn="true"}. */
  static void waitChartsDrawn() {
    new WebDriverWait(driver, WAIT).until(d -> {
      List<WebElement> charts = d.findElements(By.cssSelector(".chart"));
      return !charts.isEmpty() && charts.stream().allMatch(c -> "true".equals(c.getDomAttribute("data-drawn")));
    });
  }

  static String text(String css) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "(no " + css + ")" : found.get(0).getText();
  }

  /** The path of the current URL. */
  static String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  /** Saves the window as {@code target/screenshots/<name>.png}. */
  static Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
