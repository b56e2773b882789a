package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * axe-core on every page, in Chinese and in English, as a role that may open it: no violation of
 * impact serious or critical. The charts' data tables are opened first so that they are checked too.
 */
class AccessibilityBrowserTest extends BrowserTestBase {
  private static final Set<String> BLOCKING = Set.of("serious", "critical");
  private static final List<String> LANGS = List.of("zh", "en");

  /** The serious and critical violations axe finds on the page now, as "page [lang] rule (impact): targets". */
  private static List<String> violations(String page, String lang) {
    Results results = new AxeBuilder().analyze(driver);
    assertTrue(results.getErrorMessage() == null, "axe failed on " + page + ": " + results.getErrorMessage());
    List<String> found = new ArrayList<>();
    for (Rule r : results.getViolations()) {
      if (BLOCKING.contains(r.getImpact())) {
        found.add(page + " [" + lang + "] " + r.getId() + " (" + r.getImpact() + "): "
            + r.getNodes().size() + " × " + r.getNodes().stream().limit(5).map(n -> String.valueOf(n.getTarget())).toList());
      }
    }
    return found;
  }

  /** Sets the language the pages use (the app's switch keeps it in localStorage). */
  private static void language(String lang) {
    driver.executeScript("localStorage.setItem('lang', arguments[0])", lang);
  }

  /** Opens each page in both languages (charts drawn, their data tables shown) and collects axe's findings. */
  private static List<String> check(String role, List<String> paths) {
    List<String> found = new ArrayList<>();
    for (String lang : LANGS) {
      language(lang);
      for (String path : paths) {
        driver.get(base + path);
        waitReady();
        if (!driver.findElements(By.cssSelector(".chart")).isEmpty()) {
          waitChartsDrawn();
          for (WebElement toggle : driver.findElements(By.cssSelector(".chart-tools [data-action=data]"))) {
            toggle.click();
          }
        }
        screenshot("axe-" + role + "-" + lang + path.replaceAll("[^a-z0-9]+", "-"));
        found.addAll(violations(path, lang));
      }
    }
    return found;
  }

  @Test
  void theLeadersPagesHaveNoSeriousOrCriticalViolations() {
    login(FixtureWarehouse.LEADER);
    String request = String.valueOf(mart("select request_id from requests order by request_id limit 1").get(0).get(0));
    List<String> found = check("leader", List.of("/?quarter=2025Q3", "/district?district=120101&quarter=2025Q3", "/sla?quarter=2025Q3",
        "/reports", "/awards", "/alerts", "/quality", "/request?id=" + request));
    assertTrue(found.isEmpty(), String.join("\n", found));
  }

  @Test
  void theConsoleUploadAndAdminPagesHaveNoSeriousOrCriticalViolations() {
    List<String> found = new ArrayList<>();
    login(FixtureWarehouse.ANALYST);
    found.addAll(check("analyst", List.of("/console")));
    login(FixtureWarehouse.DISTRICT);
    found.addAll(check("district", List.of("/upload")));
    login(FixtureWarehouse.ADMIN);
    found.addAll(check("admin", List.of("/admin")));
    assertTrue(found.isEmpty(), String.join("\n", found));
  }

  @Test
  void theLoginAndNotFoundPagesHaveNoSeriousOrCriticalViolations() {
    driver.get(base + "/login");
    driver.manage().deleteAllCookies();
    List<String> found = check("anonymous", List.of("/login", "/no-such-page"));
    assertTrue(found.isEmpty(), String.join("\n", found));
  }
}
