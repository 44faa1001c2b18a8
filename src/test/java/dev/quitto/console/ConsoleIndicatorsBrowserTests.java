package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The field-ops dashboard in headless Chromium: Chart.js (from its webjar, under the console's CSP) draws one bar chart
 * per indicator from visits created through the field-ops API, with the groups and values of the tables under them,
 * and the period form answers in the page.
 */
@QuittoIntegrationTest
class ConsoleIndicatorsBrowserTests {

    private static final String CHARTS = "return ['chart-sla-polo', 'chart-sla-angel', 'chart-productivity-angel']"
            + ".every(function (id) { return typeof Chart !== 'undefined' && Chart.getChart(document.getElementById(id)) !== undefined; })";

    private static ConsoleBrowser browser;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestUsers users;
    @Autowired
    TestClock clock;

    private ConsoleFixture fixture;
    private ConsoleModuleData data;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @BeforeEach
    void freshSession() {
        if (browser == null) {
            browser = ConsoleBrowser.start(port);
        }
        browser.reset();
        fixture = new ConsoleFixture(jdbc, users, clock);
        data = new ConsoleModuleData(port, users, clock);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private Object chart(String canvasId, String expression) {
        return browser.script("return Chart.getChart(document.getElementById('" + canvasId + "'))." + expression);
    }

    private List<Double> values(String canvasId) {
        return ((List<?>) chart(canvasId, "data.datasets[0].data")).stream().map(v -> ((Number) v).doubleValue()).toList();
    }

    @Test
    void chartJsDrawsABarChartPerIndicatorWithTheGroupsAndValuesOfTheTables() {
        ConsoleModuleData.FieldWeek week = data.fieldWeek();
        browser.signIn(fixture.user(Role.AUDITOR).login(), TestUsers.PASSWORD);

        browser.open("/console/operator/indicators?" + week.query());
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(browser.script(CHARTS)));

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Field-ops indicators");
        assertThat(chart("chart-sla-polo", "config.type")).isEqualTo("bar");
        assertThat(chart("chart-sla-polo", "data.labels")).isEqualTo(List.of(week.poloA(), week.poloB(), week.poloC()));
        assertThat(values("chart-sla-polo")).containsExactly(66.67, 100.0, 0.0);
        assertThat(chart("chart-sla-angel", "data.labels")).isEqualTo(List.of(week.angelA(), week.angelB(), week.angelC()));
        assertThat(values("chart-sla-angel")).containsExactly(50.0, 100.0, 0.0);
        assertThat(chart("chart-productivity-angel", "data.labels")).isEqualTo(List.of(week.angelA(), week.angelB(), week.angelC()));
        assertThat(values("chart-productivity-angel")).containsExactly(0.3333, 0.3333, 0.1667);
        assertThat(browser.attribute(By.id("chart-sla-polo"), "role")).isEqualTo("img");
        assertThat(browser.attribute(By.id("chart-sla-polo"), "aria-label")).contains("SLA", "3 polos", "table below");
        assertThat(browser.text(By.cssSelector("#table-sla-polo tbody tr:first-child"))).isEqualTo(week.poloA() + " 2 1 0 0 3 66.67");
    }

    @Test
    void tickingTheOverdueOptionRedrawsTheSlaWithOverdueVisitsCounted() {
        ConsoleModuleData.FieldWeek week = data.fieldWeek();
        browser.signIn(fixture.operator().login(), TestUsers.PASSWORD).open("/console/operator/indicators?" + week.query());

        browser.click(By.id("includeOverdue"));
        browser.click(By.cssSelector("#period button[type=submit]"));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.path().contains("includeOverdue=true") && Boolean.TRUE.equals(browser.script(CHARTS)));

        assertThat(values("chart-sla-polo")).containsExactly(66.67, 50.0, 0.0);
        assertThat(browser.attribute(By.id("includeOverdue"), "checked")).isNotNull();
    }

    @Test
    void aStartDateAfterTheEndDateIsShownBesideTheFieldAndNoChartIsDrawn() {
        browser.signIn(fixture.user(Role.AUDITOR).login(), TestUsers.PASSWORD).open("/console/operator/indicators");

        browser.pickDate(By.id("from"), "2021-07-02");
        browser.pickDate(By.id("to"), "2021-06-28");
        browser.click(By.cssSelector("#period button[type=submit]"));

        assertThat(browser.text(By.id("from-error"))).isEqualTo("The start date must not be after the end date.");
        assertThat(browser.attribute(By.id("from"), "aria-invalid")).isEqualTo("true");
        assertThat(browser.attribute(By.id("from"), "value")).isEqualTo("2021-07-02");
        assertThat(browser.script("return document.querySelectorAll('canvas').length")).isEqualTo(0L);
    }
}
