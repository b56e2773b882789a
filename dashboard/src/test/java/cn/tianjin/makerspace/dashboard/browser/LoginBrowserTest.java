package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import cn.tianjin.makerspace.dashboard.web.Sessions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The log-in page in a real browser: every role gets in and lands on its page; a wrong password does not. */
class LoginBrowserTest extends BrowserTestBase {
  @Test
  void leaderLandsOnTheOverview() {
    login(FixtureWarehouse.LEADER);
    assertEquals("/", path());
    waitReady();
    screenshot("overview-leader");
    assertEquals("leader · 领导", text("header .user"));
    assertEquals(List.of("overview", "district", "reports", "sla", "awards", "alerts", "quality"), nav());
    assertEquals("总览", text("nav a.active"));
  }

  @Test
  void analystLandsOnTheOverviewWithTheConsoleInTheMenu() {
    login(FixtureWarehouse.ANALYST);
    assertEquals("/", path());
    waitReady();
    screenshot("overview-analyst");
    assertEquals("analyst · 分析员", text("header .user"));
    assertEquals(List.of("overview", "district", "reports", "sla", "awards", "alerts", "quality", "console"), nav());
  }

  @Test
  void districtUserLandsOnTheOverview() {
    login(FixtureWarehouse.DISTRICT);
    assertEquals("/", path());
    waitReady();
    screenshot("overview-district");
    assertEquals("heping · 区县用户", text("header .user"));
    assertEquals(List.of("overview", "district", "reports", "sla", "awards", "alerts", "upload", "quality"), nav());
  }

  @Test
  void adminLandsOnUserManagement() {
    login(FixtureWarehouse.ADMIN);
    assertEquals("/admin", path());
    screenshot("admin-landing");
    // The admin page itself comes from another branch; the session is the admin's:
    @SuppressWarnings("unchecked")
    Map<String, Object> me = (Map<String, Object>) driver.executeAsyncScript(
        "const done = arguments[0]; fetch('/api/me').then((r) => r.json()).then(done, (e) => done({ error: String(e) }));");
    assertEquals("admin", me.get("name"), me.toString());
    assertEquals("admin", me.get("role"), me.toString());
  }

  @Test
  void wrongPasswordShowsTheErrorAndStaysOnTheLogInPage() {
    login(FixtureWarehouse.LEADER, "not-the-password");
    WebElement error = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    screenshot("login-wrong-password");
    assertEquals("用户名或密码错误", error.getText(), "in the page's language (Chinese first)");
    assertEquals("/login", path());
    assertNull(driver.manage().getCookieNamed(Sessions.COOKIE), "no session cookie");
    // and the page still works: the right password gets in
    driver.findElement(By.id("password")).clear();
    driver.findElement(By.id("password")).sendKeys(FixtureWarehouse.password(FixtureWarehouse.LEADER));
    driver.findElement(By.id("login-button")).click();
    new WebDriverWait(driver, WAIT).until(d -> path().equals("/"));
    waitReady();
    assertFalse(text("header .user").isEmpty());
  }
}
