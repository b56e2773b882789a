package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.UserStore;
import cn.tianjin.makerspace.dashboard.web.DashboardApp;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The SQL console in a real browser: the analyst types a query, runs it, sees the result, exports
 * it as CSV and finds both in the history. The console's history and audit log go to a folder of
 * this class (with a copy of the fixture's users), so the shared fixture is not changed.
 */
class ConsoleBrowserTest extends BrowserTestBase {
  private static final String SQL = "SELECT d.district_code, d.name_zh, count(*) AS spaces FROM maker_spaces m"
      + " JOIN districts d USING (district_code) GROUP BY ALL ORDER BY 1";
  private static Path dir;
  private static final String WIDE_ANALYST = "analyst-wide";
  private static final String WIDE_PASSWORD = "Wide-Results-2026";

  @BeforeAll
  static void withItsOwnConsoleFolder() throws IOException {
    dir = Files.createTempDirectory("browser-console");
    Files.createDirectories(dir.resolve("dashboard"));
    Files.copy(FixtureWarehouse.get().resolve("dashboard/users.json"), dir.resolve("dashboard/users.json"));
    // a second analyst, with a history of their own
    new UserStore(dir).add(WIDE_ANALYST, Role.ANALYST, null, WIDE_PASSWORD.toCharArray(), Set.of());
    DashboardApp.Deps fixture = DashboardServer.deps(FixtureWarehouse.get());
    startApp(new DashboardApp.Deps(fixture.snapshot(), fixture.console(), new UserStore(dir), dir));
  }

  /** The expected rows, each cell as the console shows it. */
  private static List<List<String>> expected() {
    return mart(SQL).stream().map(r -> r.stream().map(String::valueOf).toList()).toList();
  }

  private static void type(String sql) {
    WebElement editor = driver.findElement(By.id("sql"));
    editor.clear();
    editor.sendKeys(sql);
  }

  /** Waits until the console is idle again (Run enabled) with {@code n} entries in the history. */
  private static List<WebElement> waitHistory(int n) {
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("run")).isEnabled()
        && d.findElements(By.cssSelector("#history li")).size() == n);
    return driver.findElements(By.cssSelector("#history li"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> headers() {
    return (List<String>) driver.executeScript(
        "return [...document.querySelectorAll('#result-table thead th')].map((th) => th.firstChild.textContent);");
  }

  private static List<List<String>> resultRows() {
    return driver.findElements(By.cssSelector("#result-table tbody tr")).stream()
        .map(tr -> tr.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList()).toList();
  }

  /**
   * A result of 15 wide columns scrolls inside its own box: the page is no wider than the window
   * and the editor is whole. A syntax error says its line and column, in Chinese first, and the
   * editor selects where it is.
   */
  @Test
  void aWideResultScrollsInItsBoxAndASyntaxErrorIsShownWhereItIs() {
    login(WIDE_ANALYST, WIDE_PASSWORD);
    new WebDriverWait(driver, WAIT).until(d -> !path().equals("/login"));
    open("/console", "console-wide");
    String wide = "SELECT " + java.util.stream.IntStream.rangeClosed(1, 15)
        .mapToObj(i -> "'第" + i + "列 ' || repeat('宽', 12) || range AS column_" + i).collect(Collectors.joining(", ")) + " FROM range(40)";
    type(wide);
    driver.findElement(By.id("run")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("run")).isEnabled() && !d.findElements(By.id("result-table")).isEmpty());
    screenshot("console-wide-result");
    assertEquals(15, headers().size());
    long page = ((Number) driver.executeScript("return document.documentElement.scrollWidth")).longValue();
    long window = ((Number) driver.executeScript("return document.documentElement.clientWidth")).longValue();
    assertTrue(page <= window, "the page is " + page + " px wide in a window of " + window + " px");
    long inner = ((Number) driver.executeScript("return document.getElementById('results').scrollWidth")).longValue();
    long box = ((Number) driver.executeScript("return document.getElementById('results').clientWidth")).longValue();
    assertTrue(inner > box, "the result scrolls inside its box: " + inner + " px in " + box + " px");
    double editorRight = ((Number) driver.executeScript("return document.getElementById('sql').getBoundingClientRect().right")).doubleValue();
    assertTrue(editorRight <= window, "the editor is whole: its right edge at " + editorRight + " px");

    // a syntax error on line 2, column 9: said, and selected in the editor
    type("SELECT 1,\n  2 FRM x");
    driver.findElement(By.id("run")).click();
    new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("run")).isEnabled()
        && "error".equals(d.findElement(By.id("status")).getAttribute("class")));
    screenshot("console-syntax-error");
    assertEquals("SQL 语法错误：第 2 行第 9 列，“x”附近。DuckDB 的说明：syntax error at or near \"x\"", text("#status"));
    assertEquals(List.of(18L, 19L), ((List<?>) driver.executeScript(
        "const e = document.getElementById('sql'); return [e.selectionStart, e.selectionEnd];")).stream().map(x -> ((Number) x).longValue()).toList());
    assertEquals("x", driver.executeScript("const e = document.getElementById('sql'); return e.value.slice(e.selectionStart, e.selectionEnd);"));
  }

  @Test
  void theAnalystRunsAQueryExportsItAndFindsBothInTheHistory() throws IOException {
    List<List<String>> expected = expected();
    assertEquals(16, expected.size(), "a row per district");

    login(FixtureWarehouse.ANALYST);
    open("/console", "console");
    assertEquals("SQL 控制台", text("nav a.active"));
    assertTrue(driver.findElements(By.cssSelector("#schema details[data-table=requests]")).size() == 1, "the schema lists the marts");
    assertEquals(0, driver.findElements(By.cssSelector("#history li")).size(), "no history yet");

    // run
    type(SQL);
    driver.findElement(By.id("run")).click();
    List<WebElement> history = waitHistory(1);
    screenshot("console-result");
    assertEquals(List.of("district_code", "name_zh", "spaces"), headers());
    assertEquals(expected, resultRows());
    assertTrue(text("#status").startsWith("16 行，用时 "), text("#status"));
    assertTrue(driver.findElements(By.id("truncated")).isEmpty(), "not truncated");
    assertEquals(SQL, history.get(0).findElement(By.tagName("code")).getText());
    assertEquals("成功", history.get(0).findElement(By.cssSelector(".status-ok")).getText());

    // export: a CSV with the BOM, the header row and the same rows
    driver.findElement(By.id("export")).click();
    Path csv = downloadedLike("console-.*\\.csv");
    byte[] bytes = Files.readAllBytes(csv);
    assertTrue(bytes.length > 3, csv.toString());
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 byte-order mark");
    List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
    assertEquals("district_code,name_zh,spaces", lines.get(0));
    assertEquals(expected.stream().map(r -> String.join(",", r)).toList(), lines.subList(1, lines.size()));
    history = waitHistory(2);
    screenshot("console-exported");
    assertTrue(text("#status").startsWith("已导出 CSV"), text("#status"));
    assertTrue(history.get(0).getText().contains(" · 导出"), "the export, newest first: " + history.get(0).getText());
    assertEquals(SQL, history.get(0).findElement(By.tagName("code")).getText());
    assertFalse(history.get(1).getText().contains("导出"), history.get(1).getText());

    // a row limit below the result: the first rows, marked truncated
    WebElement limit = driver.findElement(By.id("row-limit"));
    limit.clear();
    limit.sendKeys("5");
    driver.findElement(By.id("run")).click();
    waitHistory(3);
    assertEquals(expected.subList(0, 5), resultRows());
    assertTrue(driver.findElement(By.id("truncated")).isDisplayed());

    // clicking a history entry puts its query back into the editor
    type("SELECT 1");
    driver.findElements(By.cssSelector("#history li")).get(2).click();
    assertEquals(SQL, driver.findElement(By.id("sql")).getDomProperty("value"));

    // kept in this class's folder, not the shared fixture's: the audit log, which the history is read from
    assertEquals(3, Files.readAllLines(dir.resolve("dashboard/audit.log")).stream().filter(l -> l.contains("maker_spaces")).count(),
        "query, export, query audited");
    Path fixtureLog = FixtureWarehouse.get().resolve("dashboard/audit.log");
    assertFalse(Files.exists(fixtureLog) && Files.readAllLines(fixtureLog).stream().anyMatch(l -> l.contains("count(*) AS spaces FROM maker_spaces")),
        "nothing of this test in the fixture's audit log");

    // in English
    WebElement body = driver.findElement(By.tagName("body"));
    driver.findElement(By.id("lang-switch")).click();
    waitReloaded(body);
    screenshot("console-en");
    assertEquals("SQL console", text("nav a.active"));
    assertEquals("Results", text("h2[data-i18n=c_results]"));
    assertEquals("My query history", text("h2[data-i18n=c_history]"));
    assertEquals(3, driver.findElements(By.cssSelector("#history li")).size(), "the history is kept across page loads");
    assertTrue(driver.findElements(By.cssSelector("#history li")).stream().map(WebElement::getText).collect(Collectors.joining()).contains(" · export"));
  }
}
