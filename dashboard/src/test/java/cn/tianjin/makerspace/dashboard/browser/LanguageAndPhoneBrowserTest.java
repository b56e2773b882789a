package cn.tianjin.makerspace.dashboard.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Issue 17, items 8 and 10, on every page ({@link PageTour}): English mode says nothing in
 * Chinese punctuation, no raw status code and no "admin admin", its header keeps to one row at
 * 1440 px; a console refusal reads Chinese in Chinese mode; on a phone (390×844) in both languages
 * no page scrolls sideways, the header takes at most 12% of the height and a district's name never
 * breaks one character per line.
 */
class LanguageAndPhoneBrowserTest extends BrowserTestBase {
  @BeforeEach
  void freshTour() {
    PageTour.reset();
  }

  @AfterEach
  void desktopWindow() {
    driver.manage().window().setSize(new Dimension(Chromium.WIDTH, Chromium.HEIGHT));
  }

  /** Up to 40 characters around each full-width （ ） ： in the page's visible text. */
  @SuppressWarnings("unchecked")
  private static List<String> fullWidthPunctuation() {
    return (List<String>) driver.executeScript(
        "return [...document.body.innerText.matchAll(/.{0,20}[（）：].{0,20}/g)].map((m) => m[0]);");
  }

  @Test
  void englishPagesHaveNoChinesePunctuationRawCodesOrDoubledNamesAndAOneRowHeader() {
    List<String> found = new ArrayList<>();
    for (PageTour.Stop s : PageTour.STOPS) {
      PageTour.visit(s, "en");
      screenshot("lang-en-" + s.name());
      assertEquals("en", driver.findElement(By.tagName("html")).getDomAttribute("lang"), s.name());
      fullWidthPunctuation().forEach(m -> found.add(s.name() + ": full-width punctuation in \"" + m + "\""));
      String text = (String) driver.executeScript("return document.body.innerText");
      if (text.matches("(?s).*\\bok\\b.*")) {
        found.add(s.name() + ": a raw \"ok\"");
      }
      List<String> users = texts("header .user");
      if (!users.isEmpty()) {
        String[] parts = users.get(0).split(" · ");
        if (parts.length > 2 || parts.length == 2 && parts[0].equalsIgnoreCase(parts[1])) {
          found.add(s.name() + ": the user reads \"" + users.get(0) + "\"");
        }
      }
      // the header's title, menu and tools on one row: their middles within a few pixels of each other
      @SuppressWarnings("unchecked")
      List<Number> middles = (List<Number>) driver.executeScript(
          "return [...document.querySelectorAll('header .bar > *, header .nav a')].filter((e) => e.offsetParent)"
              + ".map((e) => (e.getBoundingClientRect().top + e.getBoundingClientRect().bottom) / 2);");
      double spread = middles.stream().mapToDouble(Number::doubleValue).max().orElse(0) - middles.stream().mapToDouble(Number::doubleValue).min().orElse(0);
      if (spread > 6) {
        found.add(s.name() + ": the header wraps (its items' middles differ by " + Math.round(spread) + " px)");
      }
    }
    // the overview's category names are shown whole (wrapped, never cut with "…")
    PageTour.visit(PageTour.STOPS.get(0), "en");
    Object overflow = driver.executeScript(
        "return echarts.getInstanceByDom(document.getElementById('category-chart')).getOption().yAxis[0].axisLabel.overflow || 'none';");
    if ("truncate".equals(overflow)) {
      found.add("overview: category names are cut");
    }
    assertTrue(found.isEmpty(), String.join("\n", found));
  }

  @Test
  void aConsoleRefusalReadsInThePagesLanguage() {
    PageTour.Stop console = PageTour.STOPS.stream().filter(s -> s.name().equals("console")).findFirst().orElseThrow();
    for (String[] lang : new String[][] {{"zh", "这里只能运行一条只读查询"}, {"en", "only a single read-only query"}}) {
      PageTour.visit(console, lang[0]);
      driver.findElement(By.id("sql")).clear();
      driver.findElement(By.id("sql")).sendKeys("DROP VIEW requests");
      driver.findElement(By.id("run")).click();
      new org.openqa.selenium.support.ui.WebDriverWait(driver, WAIT).until(d -> text("#status").contains(lang[1]));
      screenshot("lang-console-refusal-" + lang[0]);
    }
  }

  @Test
  void onAPhoneNoPageScrollsSidewaysTheHeaderIsShortAndDistrictNamesStayWhole() {
    Screenshots.window(390, 844);
    List<String> found = new ArrayList<>();
    for (String lang : List.of("zh", "en")) {
      for (PageTour.Stop s : PageTour.STOPS) {
        PageTour.visit(s, lang);
        screenshot("phone-" + lang + "-" + s.name());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) driver.executeScript(
            """
            const header = document.querySelector('header');
            const names = new Set(typeof App !== 'undefined' && App.districtNames ? App.districtNames() : []);
            // every text node that is a district's name: on how many lines it is drawn
            const broken = [];
            const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              const text = n.textContent.trim();
              if (!names.has(text) || !n.parentElement.getClientRects().length) continue;
              const r = document.createRange();
              r.selectNodeContents(n);
              const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size;
              if (lines > (/^[\\u4e00-\\u9fff]+$/.test(text) ? 1 : 2)) broken.push(text + ' on ' + lines + ' lines');
            }
            // the outermost elements that reach past the window's right edge (what makes the page scroll sideways)
            const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1
                && e.parentElement.getBoundingClientRect().right <= innerWidth + 1).slice(0, 4)
                .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')
                    + ' ' + Math.round(e.getBoundingClientRect().right) + ' px');
            // panels cut off at the right edge (inside a box that hides what overflows)
            const cut = [...document.querySelectorAll('.panel')].filter((p) => p.getClientRects().length
                && p.getBoundingClientRect().right > innerWidth + 1).map((p) => p.id || p.querySelector('h2')?.textContent || p.className);
            return {
              wide, cut,
              width: window.innerWidth, height: window.innerHeight,
              scrollWidth: document.documentElement.scrollWidth,
              header: header ? header.getBoundingClientRect().height : 0,
              names: names.size, broken,
            };
            """);
        assertEquals(390L, ((Number) m.get("width")).longValue(), "the window's inner width");
        String where = s.name() + " [" + lang + "]";
        if (((Number) m.get("scrollWidth")).intValue() > 390) {
          found.add(where + ": the page is " + m.get("scrollWidth") + " px wide " + m.get("wide"));
        }
        double header = ((Number) m.get("header")).doubleValue();
        if (header > 0.12 * ((Number) m.get("height")).doubleValue()) {
          found.add(where + ": the header is " + Math.round(header) + " px of " + m.get("height"));
        }
        if (s.user() != null && !s.name().equals("admin") && ((Number) m.get("names")).intValue() == 0) {
          found.add(where + ": no district names known to the page");
        }
        ((List<?>) m.get("broken")).forEach(b -> found.add(where + ": " + b));
        ((List<?>) m.get("cut")).forEach(p -> found.add(where + ": a panel reaches past the right edge: " + p));
      }
    }
    assertTrue(found.isEmpty(), String.join("\n", found));
  }
}
