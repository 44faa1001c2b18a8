package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The field-ops dashboard over HTTP, on visits created through the field-ops API in a week of their own: SLA per polo
 * and per angel and productivity per angel in tables and chart data, the overdue option, the API's CSV export, field
 * errors for a bad period, and who may open it.
 */
@QuittoIntegrationTest
class ConsoleIndicatorsPagesIntegrationTests {

    static final String PAGE = "/console/operator/indicators";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestUsers users;
    @Autowired
    TestClock clock;

    ConsoleFixture fixture;
    ConsoleModuleData data;

    @BeforeEach
    void fixture() {
        fixture = new ConsoleFixture(jdbc, users, clock);
        data = new ConsoleModuleData(port, users, clock);
    }

    private ConsoleSession auditor() {
        return new ConsoleSession(port).signIn(fixture.user(Role.AUDITOR).login(), TestUsers.PASSWORD);
    }

    /** The text of the table row whose header cell is {@code name}, tags stripped and spaces collapsed. */
    private static String row(String page, String name) {
        int at = page.indexOf(">" + name + "</th>");
        assertThat(at).as("row of " + name).isPositive();
        String row = page.substring(at + 1, page.indexOf("</tr>", at));
        return row.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }

    private static String section(String page, String id) {
        int at = page.indexOf("<section id=\"" + id + "\"");
        assertThat(at).as("section " + id).isPositive();
        return page.substring(at, page.indexOf("</section>", at));
    }

    @Test
    void theDashboardShowsTheSlaPerPoloOfTheWeeksVisitsMostVisitedFirstInTheTableAndTheChartData() {
        ConsoleModuleData.FieldWeek week = data.fieldWeek();

        ConsoleSession.Page page = auditor().get(PAGE + "?" + week.query());

        assertThat(page.status()).isEqualTo(200);
        String polos = section(page.body(), "sla-polo");
        assertThat(row(polos, week.poloA())).isEqualTo(week.poloA() + " 2 1 0 0 3 66.67");
        assertThat(row(polos, week.poloB())).isEqualTo(week.poloB() + " 1 0 1 0 1 100.00");
        assertThat(row(polos, week.poloC())).isEqualTo(week.poloC() + " 0 1 0 0 1 0.00");
        assertThat(polos).containsSubsequence(week.poloA(), week.poloB(), week.poloC());
        assertThat(polos).contains("3 of 5 on time: 60.00 %.", "Showing 3 of 3 polos")
                .contains("data-chart=\"{&quot;type&quot;:&quot;bar&quot;,&quot;label&quot;:&quot;SLA (%)&quot;,&quot;labels&quot;:[&quot;"
                        + week.poloA() + "&quot;,&quot;" + week.poloB() + "&quot;,&quot;" + week.poloC()
                        + "&quot;],&quot;values&quot;:[66.67,100.00,0.00],&quot;max&quot;:100}\"");
        assertThat(page.body()).contains("/webjars/chart.js/", "/dist/chart.umd.min.js");
    }

    @Test
    void theDashboardShowsTheSlaAndProductivityPerAngel() {
        ConsoleModuleData.FieldWeek week = data.fieldWeek();

        String page = auditor().get(PAGE + "?" + week.query()).body();

        String angels = section(page, "sla-angel");
        assertThat(row(angels, week.angelA())).isEqualTo(week.angelA() + " 1 1 0 0 2 50.00");
        assertThat(row(angels, week.angelB())).isEqualTo(week.angelB() + " 2 0 0 0 2 100.00");
        assertThat(row(angels, week.angelC())).isEqualTo(week.angelC() + " 0 1 1 0 1 0.00");
        String productivity = section(page, "productivity-angel");
        // six business days: the Friday before and the whole week of the deadline; a Sunday visit counts
        assertThat(productivity).contains("6 business days, 5 visits");
        assertThat(row(productivity, week.angelA())).isEqualTo(week.angelA() + " 2 2 0.3333");
        assertThat(row(productivity, week.angelB())).isEqualTo(week.angelB() + " 2 1 0.3333");
        assertThat(row(productivity, week.angelC())).isEqualTo(week.angelC() + " 1 1 0.1667");
        assertThat(productivity).contains("&quot;values&quot;:[0.3333,0.3333,0.1667]");
    }

    @Test
    void countingOverdueVisitsLowersTheSlaOfThePoloWithAnUnvisitedPastDeadline() {
        ConsoleModuleData.FieldWeek week = data.fieldWeek();

        String page = auditor().get(PAGE + "?" + week.query() + "&includeOverdue=true").body();

        assertThat(row(section(page, "sla-polo"), week.poloB())).isEqualTo(week.poloB() + " 1 0 1 0 1 50.00");
        assertThat(page).containsPattern("<input id=\"includeOverdue\"[^>]* checked=\"checked\"");
        assertThat(page).contains("3 of 6 on time: 50.00 %.");
    }

    @Test
    void theCsvLinksServeTheFieldopsExportOfEveryGroupForThePeriod() {
        ConsoleModuleData.FieldWeek week = data.fieldWeek();
        ConsoleSession auditor = auditor();
        String page = auditor.get(PAGE + "?" + week.query()).body();

        ConsoleSession.Page csv = auditor.get(PAGE + "/sla-polo.csv?" + week.query());
        ConsoleSession.Page comma = auditor.get(PAGE + "/sla-polo.csv?" + week.query() + "&decimal=comma");
        ConsoleSession.Page productivity = auditor.get(PAGE + "/productivity-angel.csv?" + week.query());

        assertThat(page).contains("href=\"/console/operator/indicators/sla-polo.csv?" + week.query().replace("&", "&amp;") + "\"");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment", "sla_by_polo_" + week.from() + "_" + week.to() + ".csv");
        assertThat(csv.body()).startsWith("\uFEFFid;name;onTime;late;overdue;pending;visited;sla\r\n");
        assertThat(csv.body()).contains(";" + week.poloA() + ";2;1;0;0;3;66.67\r\n", ";" + week.poloB() + ";1;0;1;0;1;100.00\r\n");
        assertThat(comma.body()).contains(";" + week.poloA() + ";2;1;0;0;3;66,67\r\n");
        assertThat(productivity.header("Content-Disposition")).contains("productivity_by_angel_" + week.from() + "_" + week.to() + ".csv");
        assertThat(productivity.body()).contains(";" + week.angelC() + ";1;1;0.1667\r\n");
    }

    @Test
    void aStartDateAfterTheEndDateAndAMalformedDateAreFieldErrorsBesideTheirInputs() {
        ConsoleSession auditor = auditor();

        ConsoleSession.Page reversed = auditor.get(PAGE + "?from=2021-07-02&to=2021-06-28");
        ConsoleSession.Page malformed = auditor.get(PAGE + "?from=2021-02-30&to=yesterday&top=7");

        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body()).contains("id=\"from-error\" class=\"field-error\">The start date must not be after the end date.<",
                "aria-describedby=\"from-error\"", "aria-invalid=\"true\"", "value=\"2021-07-02\"").doesNotContain("<canvas");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("id=\"from-error\" class=\"field-error\">Enter a date as YYYY-MM-DD.<",
                "id=\"to-error\" class=\"field-error\">Enter a date as YYYY-MM-DD.<", "id=\"top-error\" class=\"field-error\">Choose 10, 25, 50 or 100.<");
    }

    @Test
    void aPeriodLongerThanTheModulesLimitIsTheModulesFieldError() {
        ConsoleSession.Page refused = auditor().get(PAGE + "?from=2000-01-01&to=2020-01-01");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"to-error\" class=\"field-error\">The period must be at most 3660 days long.<");
    }

    @Test
    void aBadPeriodOnACsvLinkIsTheBadRequestPageNotAServerError() {
        ConsoleSession.Page refused = auditor().get(PAGE + "/sla-angel.csv?from=2021-07-02&to=2021-06-28");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("role=\"alert\"");
    }

    @Test
    void operatorsAndAuditorsOpenTheDashboardAndOtherRolesAreRefused() {
        ConsoleSession operator = new ConsoleSession(port).signIn(fixture.operator().login(), TestUsers.PASSWORD);
        ConsoleSession supplier = new ConsoleSession(port).signIn(fixture.supplier("Supplier Indicators").user().login(), TestUsers.PASSWORD);
        ConsoleSession erp = new ConsoleSession(port).signIn(fixture.user(Role.ERP).login(), TestUsers.PASSWORD);

        assertThat(operator.get(PAGE).status()).isEqualTo(200);
        assertThat(auditor().get(PAGE).body()).contains(">Field-ops indicators<");
        assertThat(supplier.get(PAGE).status()).isEqualTo(403);
        assertThat(supplier.get(PAGE + "/sla-polo.csv").status()).isEqualTo(403);
        assertThat(erp.get(PAGE).status()).isEqualTo(403);
    }

    @Test
    void everyFieldOfTheDashboardHasALabel() {
        String page = auditor().get(PAGE).body();

        java.util.regex.Matcher fields = java.util.regex.Pattern.compile("<(?:input|select)(?![^>]*type=\"hidden\")[^>]*\\sid=\"([^\"]+)\"").matcher(page);
        int checked = 0;
        while (fields.find()) {
            assertThat(page).as("label of #" + fields.group(1)).contains("<label for=\"" + fields.group(1) + "\"");
            checked++;
        }
        assertThat(checked).isEqualTo(4);
    }
}
