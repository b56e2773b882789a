package cn.tianjin.makerspace.dashboard.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * The screenshots of {@code docs/screenshots/} (run by {@code bench/screenshots.sh}, not a test):
 * every page of {@link PageTour} on the test fixture, in Chinese and English, at 1440 and 390 px
 * wide, as {@code <page>-<zh|en>-<width>.png} (the window: 1440×900 and 390×844).
 *
 * <p>Usage: {@code Screenshots OUT_DIR}
 */
public final class Screenshots {
  private Screenshots() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Screenshots OUT_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(out);
    BrowserTestBase.startAppAndBrowser();
    try {
      for (int[] size : new int[][] {{1440, 900}, {390, 844}}) {
        window(size[0], size[1]);
        for (String lang : List.of("zh", "en")) {
          PageTour.reset();
          for (PageTour.Stop s : PageTour.STOPS) {
            PageTour.visit(s, lang);
            Path file = out.resolve(s.name() + "-" + lang + "-" + size[0] + ".png");
            Files.write(file, BrowserTestBase.driver.getScreenshotAs(OutputType.BYTES));
            System.out.println(file);
          }
        }
      }
    } finally {
      BrowserTestBase.stopBrowserAndApp();
    }
    System.exit(0); // the fixture's Spark and DuckDB leave non-daemon threads
  }

  /** A window whose page area is width×height (the window's own bars added). */
  static void window(int width, int height) {
    BrowserTestBase.driver.manage().window().setSize(new Dimension(width, height));
    long inner = ((Number) BrowserTestBase.driver.executeScript("return window.innerHeight")).longValue();
    BrowserTestBase.driver.manage().window().setSize(new Dimension(width, (int) (height + height - inner)));
  }
}
