package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.dashboard.Role;
import cn.tianjin.makerspace.dashboard.User;
import cn.tianjin.makerspace.dashboard.UserStore;
import cn.tianjin.makerspace.dashboard.web.DashboardApp;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * 用户管理 in a real browser, on a copy of the fixture's users (the shared fixture is not changed):
 * the list, adding a user through the form (who can then log in), the admin's menu, English.
 */
class AdminBrowserTest extends BrowserTestBase {
  private static UserStore users;

  /** After the base class has started the app: the same snapshot, its own copy of the fixture users. */
  @BeforeAll
  static void onACopyOfTheUsers() throws IOException {
    Path dir = Files.createTempDirectory("browser-admin-users");
    Files.createDirectories(dir.resolve("dashboard"));
    Files.copy(FixtureWarehouse.get().resolve("dashboard/users.json"), dir.resolve("dashboard/users.json"));
    users = new UserStore(dir);
    DashboardApp.Deps fixture = DashboardServer.deps(FixtureWarehouse.get());
    startApp(new DashboardApp.Deps(fixture.snapshot(), fixture.console(), users, fixture.home()));
  }

  private static List<String> fixtureUsers() {
    return new UserStore(FixtureWarehouse.get()).list().stream().map(User::name).sorted().toList();
  }

  private static WebElement userRow(String name) {
    return driver.findElement(By.cssSelector("#users tbody tr[data-user='" + name + "']"));
  }

  private static String cell(WebElement row, int column) {
    return row.findElements(By.cssSelector("td")).get(column).getText();
  }

  @Test
  void theAdminSeesTheUsersAddsADistrictUserWhoCanThenLogIn() {
    List<String> before = fixtureUsers();
    assertEquals(List.of(FixtureWarehouse.ADMIN, FixtureWarehouse.ANALYST, FixtureWarehouse.DISTRICT, FixtureWarehouse.LEADER), before);

    login(FixtureWarehouse.ADMIN);
    assertEquals("/admin", path());
    waitReady();
    screenshot("admin");
    assertEquals(before, attributes("#users tbody tr", "data-user").stream().sorted().toList());
    assertEquals("admin （本人）", cell(userRow(FixtureWarehouse.ADMIN), 0));
    assertEquals("领导", cell(userRow(FixtureWarehouse.LEADER), 1));
    assertEquals("分析员", cell(userRow(FixtureWarehouse.ANALYST), 1));
    assertEquals("区县用户", cell(userRow(FixtureWarehouse.DISTRICT), 1));
    assertEquals("和平区", cell(userRow(FixtureWarehouse.DISTRICT), 2));
    assertEquals("–", cell(userRow(FixtureWarehouse.LEADER), 2));

    // a new district user of 和平区, through the form
    String name = "heping-2";
    String password = FixtureWarehouse.password(name);
    WebElement district = driver.findElement(By.id("user-district"));
    assertTrue(!district.isEnabled(), "no district for a leader, the default role");
    driver.findElement(By.id("user-name")).sendKeys(name);
    new Select(driver.findElement(By.id("user-role"))).selectByValue("district");
    assertTrue(district.isEnabled(), "a district user needs one");
    new Select(district).selectByValue(FixtureWarehouse.DISTRICT_CODE);
    driver.findElement(By.id("user-password")).sendKeys(password);
    driver.findElement(By.id("user-password2")).sendKeys(password);
    driver.findElement(By.id("user-save")).click();
    new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#users tbody tr[data-user='" + name + "']")).isEmpty());
    screenshot("admin-user-added");
    assertEquals("已新增用户 " + name, text("#user-message"));
    assertEquals("区县用户", cell(userRow(name), 1));
    assertEquals("和平区", cell(userRow(name), 2));
    assertEquals("", driver.findElement(By.id("user-password")).getDomProperty("value"), "the password field is cleared");

    User added = users.find(name).orElseThrow(() -> new AssertionError(name + " was not saved"));
    assertEquals(Role.DISTRICT, added.role());
    assertEquals(FixtureWarehouse.DISTRICT_CODE, added.scope());
    assertEquals(before, fixtureUsers(), "the shared fixture's users are unchanged");

    // the new user logs in and lands on the overview, scoped to 和平区
    login(name);
    assertEquals("/", path());
    waitReady();
    screenshot("overview-new-user");
    assertEquals(name + " · 区县用户", text("header .user"));
    assertEquals(List.of(FixtureWarehouse.DISTRICT_CODE), attributes("#districts tbody tr[data-district]", "data-district"));
  }

  @Test
  void theAdminSeesNoDashboardLinksAndThePageSwitchesToEnglish() {
    login(FixtureWarehouse.ADMIN);
    waitReady();
    List<String> adminNav = List.of("upload", "quality", "admin");
    assertEquals(adminNav, nav(), "report upload (on a district's behalf), data quality and user management only");
    for (String href : List.of("/", "/district", "/reports", "/sla", "/awards", "/console")) {
      assertTrue(driver.findElements(By.cssSelector("a[href='" + href + "']")).isEmpty(), "no link to " + href);
    }
    open("/quality", "quality-admin");
    assertEquals(adminNav, nav());
    assertEquals("数据质量", text("nav a.active"));

    open("/admin", "admin");
    assertEquals("用户", text("h2[data-i18n=ad_users]"));
    assertEquals("新增或重置用户", text("h2[data-i18n=ad_add]"));
    WebElement body = driver.findElement(By.tagName("body"));
    driver.findElement(By.id("lang-switch")).click();
    waitReloaded(body);
    screenshot("admin-en");
    assertEquals("en", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
    assertEquals("Users", text("h2[data-i18n=ad_users]"));
    assertEquals("Add or reset a user", text("h2[data-i18n=ad_add]"));
    assertEquals("Users", text("nav a.active"));
    assertEquals("Leader", cell(userRow(FixtureWarehouse.LEADER), 1), "the role as a word");
    assertEquals(adminNav, nav());
  }
}
