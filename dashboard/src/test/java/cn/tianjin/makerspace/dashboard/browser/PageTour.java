package cn.tianjin.makerspace.dashboard.browser;

import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import java.util.List;

/**
 * Every page of the dashboard on the test fixture, with a user who may see it (null: no log-in):
 * the pages the language and phone tests check one by one and the screenshot script shoots.
 */
final class PageTour {
  /** A page: its short name (the screenshots' file names), the user who opens it, its path on the fixture. */
  record Stop(String name, String user, String path) {}

  static final List<Stop> STOPS = List.of(
      new Stop("overview", FixtureWarehouse.LEADER, "/?quarter=2025Q3"),
      new Stop("district", FixtureWarehouse.LEADER, "/district?district=120101&quarter=2025Q3"),
      new Stop("reports", FixtureWarehouse.LEADER, "/reports"),
      new Stop("sla", FixtureWarehouse.LEADER, "/sla?quarter=2025Q3"),
      new Stop("awards", FixtureWarehouse.LEADER, "/awards?year=2025"),
      new Stop("alerts", FixtureWarehouse.LEADER, "/alerts?on=2025-10-14"),
      new Stop("quality", FixtureWarehouse.LEADER, "/quality"),
      new Stop("console", FixtureWarehouse.ANALYST, "/console"),
      new Stop("upload", FixtureWarehouse.DISTRICT, "/upload"),
      new Stop("admin", FixtureWarehouse.ADMIN, "/admin"),
      new Stop("request", FixtureWarehouse.LEADER, "/request?id=" + firstRequest()),
      new Stop("login", null, "/login"),
      new Stop("notfound", null, "/no-such-page"));

  private PageTour() {}

  /** A request of the fixture with events of several kinds (the request page's drill-through). */
  private static String firstRequest() {
    return String.valueOf(BrowserTestBase.mart("select request_id from request_events group by request_id "
        + "order by count(distinct type) desc, request_id limit 1").get(0).get(0));
  }

  private static String loggedIn;

  /**
   * Opens a stop in a language ("zh" or "en", the app's switch in localStorage), logged in as its
   * user (a new log-in only when the user changes; none for a page without one), and waits until
   * it is ready and its charts are drawn.
   */
  static void visit(Stop s, String lang) {
    if (s.user() == null) {
      BrowserTestBase.driver.get(BrowserTestBase.base + "/login");
      BrowserTestBase.driver.manage().deleteAllCookies();
      loggedIn = null;
    } else if (!s.user().equals(loggedIn) || BrowserTestBase.driver.manage().getCookies().isEmpty()) {
      BrowserTestBase.login(s.user());
      loggedIn = s.user();
    }
    BrowserTestBase.driver.executeScript("localStorage.setItem('lang', arguments[0])", lang);
    BrowserTestBase.driver.get(BrowserTestBase.base + s.path());
    BrowserTestBase.waitReady();
    if (!BrowserTestBase.driver.findElements(org.openqa.selenium.By.cssSelector(".chart")).isEmpty()) {
      BrowserTestBase.waitChartsDrawn();
    }
  }

  /** Forgets who is logged in (a new browser, or a test that logged in itself). */
  static void reset() {
    loggedIn = null;
  }
}
