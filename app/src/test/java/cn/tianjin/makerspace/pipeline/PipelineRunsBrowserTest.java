package cn.tianjin.makerspace.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.tianjin.makerspace.common.SnapshotStore;
import cn.tianjin.makerspace.dashboard.PipelineHistory;
import cn.tianjin.makerspace.dashboard.PipelineRun.Checks;
import cn.tianjin.makerspace.dashboard.PipelineRun.FailedCheck;
import cn.tianjin.makerspace.dashboard.PipelineRun.Source;
import cn.tianjin.makerspace.dashboard.PipelineRun;
import cn.tianjin.makerspace.dashboard.browser.BrowserTestBase;
import cn.tianjin.makerspace.dashboard.web.DashboardApp;
import cn.tianjin.makerspace.dashboard.web.DashboardServer;
import cn.tianjin.makerspace.dashboard.web.FixtureWarehouse;
import cn.tianjin.makerspace.pipeline.PipelineRunner;
import cn.tianjin.makerspace.pipeline.PipelineSchedule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.io.output.NullOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * 数据更新 on the admin page in a real browser: two recorded runs written out, then 立即运行 on a
 * landing zone that does not exist (the run fails at once, without Spark) — the new run appears
 * with its error. The fixture's snapshot is not touched: the runner's warehouse is a temporary one.
 */
class PipelineRunsBrowserTest extends BrowserTestBase {
  private static PipelineRunner runner;

  @BeforeAll
  static void withARunnerAndTwoRecordedRuns() throws IOException {
    Path dir = Files.createTempDirectory("browser-runs");
    new PipelineHistory(dir).write(List.of(
        new PipelineRun(1, PipelineRun.Trigger.SCHEDULE, null, "2026-11-27T18:00:00.120Z", "2026-11-27T18:01:05.500Z", PipelineRun.Status.OK, "2026-11-28", true,
            List.of(new Source("reference", 9, 1520, 1518, 2, 0), new Source("request_logs", 92, 48211, 48000, 11, 200)),
            "20261127T180105.400Z", null, new Checks(50, 0, List.of())),
        new PipelineRun(2, PipelineRun.Trigger.ADMIN, "admin", "2026-11-28T02:30:00Z", "2026-11-28T02:30:40Z", PipelineRun.Status.FAILED, "2026-11-28", false,
            List.of(), null, "data checks failed: 2 of 50; nothing published (snapshot 20261127T180105.400Z stays live)",
            new Checks(48, 2, List.of(new FailedCheck("requests.unique_request_id", 1),
                new FailedCheck("kpi_district_quarter.requests_received_reconcile", 1))))));
    runner = new PipelineRunner(dir.resolve("no-such-landing").toString(), new SnapshotStore(dir), dir, "local[2]", null,
        PipelineSchedule.parse(PipelineSchedule.DEFAULT), new PrintStream(NullOutputStream.INSTANCE));
    runner.startSchedule();
    DashboardApp.Deps fixture = DashboardServer.deps(FixtureWarehouse.get());
    startApp(new DashboardApp.Deps(fixture.snapshot(), fixture.console(), fixture.users(), fixture.home(), runner));
  }

  @AfterAll
  static void closeRunner() {
    runner.close();
  }

  private static List<String> column(int i) {
    return driver.findElements(By.cssSelector("#runs tbody tr")).stream()
        .map(tr -> tr.findElements(By.cssSelector("td")).get(i).getText()).toList();
  }

  @Test
  void theAdminSeesTheRunsAndStartsOne() {
    login(FixtureWarehouse.ADMIN);
    open("/admin", "admin-runs");
    assertEquals("数据更新", text("h2[data-i18n=ad_runs]"));
    String info = text("#runs-info");
    assertTrue(info.startsWith("数据接收目录 " + runner.landing().location() + "；定时计划 0 2 * * *（北京时间）；下次运行 "), info);
    assertEquals(List.of("2", "1"), attributes("#runs tbody tr", "data-run"));
    assertEquals(List.of("管理员 admin", "定时"), column(1));
    assertEquals(List.of("失败", "成功"), column(4));
    assertEquals(List.of("数据无变化", "基础数据 1,518 (隔离 2) · 服务请求日志 48,000 (隔离 11)"), column(5));
    assertEquals(List.of("–", "20261127T180105.400Z"), column(6));
    assertEquals(List.of("48 项通过 / 2 项未通过", "50 项通过 / 0 项未通过"), column(7));
    assertEquals(List.of("data checks failed: 2 of 50; nothing published (snapshot 20261127T180105.400Z stays live)", ""), column(8));
    assertEquals("最近一次数据更新（第 2 次）的数据检查：48 项通过，2 项未通过。未通过检查的数据不会发布，仍显示此前的数据。",
        text("#runs-checks-summary"));
    assertEquals(List.of("requests.unique_request_id：1 行不符合规则", "kpi_district_quarter.requests_received_reconcile：1 行不符合规则"),
        driver.findElements(By.cssSelector("#runs-checks-failures li")).stream().map(WebElement::getText).toList());
    WebElement button = driver.findElement(By.id("run-now"));
    assertEquals("立即运行", button.getText());
    assertTrue(button.isEnabled());

    button.click();
    new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class) // the table is redrawn while the run is in progress
        .until(d -> attributes("#runs tbody tr", "data-status").equals(List.of("failed", "failed", "ok")));
    screenshot("admin-runs-after");
    assertEquals("已开始第 3 次数据更新", text("#run-message"));
    assertEquals(List.of("3", "2", "1"), attributes("#runs tbody tr", "data-run"));
    assertEquals("管理员 admin", column(1).get(0));
    assertEquals("–", column(5).get(0), "nothing was ingested");
    assertEquals("landing zone not found: " + runner.landing().location(), column(8).get(0));
    assertEquals("–", column(7).get(0), "no data checks ran");
    assertEquals("最近一次数据更新（第 3 次）未进行数据检查（在检查前已结束）。", text("#runs-checks-summary"));
    assertTrue(driver.findElements(By.cssSelector("#runs-checks-failures li")).isEmpty());
    assertEquals(3, runner.history().size());

    WebElement body = driver.findElement(By.tagName("body"));
    driver.findElement(By.id("lang-switch")).click();
    waitReloaded(body);
    screenshot("admin-runs-en");
    assertEquals("Data updates", text("h2[data-i18n=ad_runs]"));
    assertEquals("Run now", driver.findElement(By.id("run-now")).getText());
    assertEquals(List.of("failed", "failed", "succeeded"), column(4), "a status in words, not the raw code");
    assertEquals(List.of("–", "48 passed / 2 failed", "50 passed / 0 failed"), column(7));
    assertEquals("The latest data update (no. 3) ran no data checks (it ended before them).", text("#runs-checks-summary"));
    assertEquals("reference data 1,518 (1 quarantined)".replace("1 q", "2 q") + " · request logs 48,000 (11 quarantined)", column(5).get(2));
  }
}
