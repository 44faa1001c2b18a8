package dev.quitto.fieldops;

import static dev.quitto.fieldops.FieldopsFixture.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The 29-row sample of the original file (spec section 11): acceptance items 1-5, 11 and 21. */
@QuittoIntegrationTest
class FieldopsSampleIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    FieldopsFixture f;

    @BeforeEach
    void setUp() {
        f = FieldopsFixture.create(port, users, jdbc);
    }

    @Test
    void a01SeedRawBodyImportOfTheSampleSucceedsWithEveryRowAndCreatesItsDimensions() {
        String taskId = f.upload(FieldopsFixture.sample());
        JsonNode view = f.awaitCompleted(taskId);

        JsonNode status = f.get(AtendimentoController.BASE + "/task_status/" + taskId);
        assertThat(status.get("state").asString()).isEqualTo("SUCCESS");
        assertThat(status.get("status").asString()).isEqualTo("completed");
        assertThat(status.at("/result/total_rows").asLong()).isEqualTo(29);
        assertThat(status.at("/result/successful_rows").asLong()).isEqualTo(29);
        assertThat(status.at("/result/failed_rows").asLong()).isZero();
        assertThat(status.at("/result/errors").size()).isZero();
        JsonNode counts = view.get("counts");
        assertThat(counts.get("inserted").asLong()).isEqualTo(29);
        assertThat(counts.get("rejected").asLong()).isZero();
        assertThat(counts.get("angelsCreated").asLong()).isEqualTo(29);
        assertThat(counts.get("polosCreated").asLong()).isEqualTo(25);
        assertThat(counts.get("clientsCreated").asLong()).isEqualTo(29);
        assertThat(view.get("delimiter").asString()).isEqualTo(",");
        assertThat(view.get("possiblyTruncated").asBoolean()).isFalse();
    }

    @Test
    void a02SlaByPoloIs93Point10OverAllRowsAndByAngelHas27AtFullAndTwoAtZero() {
        f.importFile(FieldopsFixture.sample());

        JsonNode byPolo = f.get("/api/v1/fieldops/indicators/sla?by=polo&asOf=2022-07-01");
        assertThat(byPolo.at("/totals/onTime").asLong()).isEqualTo(27);
        assertThat(byPolo.at("/totals/late").asLong()).isEqualTo(2);
        assertThat(byPolo.at("/totals/visited").asLong()).isEqualTo(29);
        assertThat(byPolo.at("/totals/sla").decimalValue()).isEqualByComparingTo("93.10");
        assertThat(f.auditor.get("/api/v1/fieldops/indicators/sla?by=polo&asOf=2022-07-01").body()).as("two decimals on the wire")
                .contains("\"sla\":93.10}").contains("\"sla\":0.00}");
        assertThat(byPolo.get("totalItems").asLong()).isEqualTo(25);
        assertThat(byPolo.get("items").size()).isEqualTo(25);
        assertThat(item(byPolo.get("items"), "name", "GO - RIO VERDE").get("sla").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(item(byPolo.get("items"), "name", "PR - CURITIBA").get("sla").decimalValue()).isEqualByComparingTo("0.00");
        JsonNode olinda = item(byPolo.get("items"), "name", "PE - OLINDA");
        assertThat(olinda.get("onTime").asLong()).isEqualTo(2);
        assertThat(olinda.get("sla").decimalValue()).isEqualByComparingTo("100.00");

        JsonNode byAngel = f.get("/api/v1/fieldops/indicators/sla?by=angel&asOf=2022-07-01");
        assertThat(byAngel.get("items").size()).isEqualTo(29);
        List<String> slas = new ArrayList<>();
        byAngel.get("items").forEach(item -> slas.add(item.get("sla").decimalValue().setScale(2).toPlainString()));
        assertThat(slas).filteredOn("100.00"::equals).hasSize(27);
        assertThat(slas).filteredOn("0.00"::equals).hasSize(2);
    }

    @Test
    void a03ReadsEveryDateShapeOfTheSampleDayFirst() {
        f.importFile(FieldopsFixture.sample());

        JsonNode v590407 = f.get(VisitController.BASE + "/590407");
        assertThat(v590407.get("deadline").asString()).isEqualTo("2022-01-04");
        assertThat(v590407.get("visitDate").asString()).isEqualTo("2021-12-31");
        assertThat(v590407.get("outcome").asString()).isEqualTo("ON_TIME");
        assertThat(f.get(VisitController.BASE + "/579918").get("outcome").asString()).isEqualTo("ON_TIME");
        assertThat(f.get(VisitController.BASE + "/1557").get("visitedAt").asString()).isEqualTo("2021-06-28T11:55:00-03:00");
        assertThat(f.get(VisitController.BASE + "/728").get("outcome").asString()).isEqualTo("LATE");
        JsonNode v585188 = f.get(VisitController.BASE + "/585188");
        assertThat(v585188.get("visitedAt").isNull()).isTrue();
        assertThat(v585188.get("visitDate").asString()).isEqualTo("2021-12-31");
    }

    @Test
    void a04ReimportingTheSameFileThreeTimesChangesNothing() {
        f.importFile(FieldopsFixture.sample());

        for (int i = 0; i < 3; i++) {
            JsonNode counts = f.importFile(FieldopsFixture.sample()).get("counts");
            assertThat(counts.get("unchanged").asLong()).isEqualTo(29);
            assertThat(counts.get("inserted").asLong()).isZero();
            assertThat(counts.get("updated").asLong()).isZero();
        }

        assertThat(jdbc.sql("select count(*) from fieldops_visit").query(Long.class).single()).isEqualTo(29);
        assertThat(f.get("/api/v1/fieldops/indicators/sla?by=polo").at("/totals/sla").decimalValue()).isEqualByComparingTo("93.10");
    }

    @Test
    void a05SemicolonsBomAndCrlfImportWithIdenticalResults() {
        String rewritten = "\uFEFF" + FieldopsFixture.sampleText().replace(",", ";").replace("\n", "\r\n");

        JsonNode counts = f.importFile(rewritten.getBytes(StandardCharsets.UTF_8)).get("counts");

        assertThat(counts.get("inserted").asLong()).isEqualTo(29);
        assertThat(counts.get("rejected").asLong()).isZero();
        JsonNode byPolo = f.get("/api/v1/fieldops/indicators/sla?by=polo");
        assertThat(byPolo.at("/totals/sla").decimalValue()).isEqualByComparingTo("93.10");
        assertThat(f.auditor.get("/api/v1/fieldops/indicators/sla?by=polo&asOf=2022-07-01").body()).as("two decimals on the wire")
                .contains("\"sla\":93.10}").contains("\"sla\":0.00}");
        assertThat(byPolo.get("totalItems").asLong()).isEqualTo(25);
        assertThat(f.get(VisitController.BASE + "/1557").get("visitedAt").asString()).isEqualTo("2021-06-28T11:55:00-03:00");
    }

    @Test
    void a11SeedIndicatorPathsReturnTheRealSlaAndProductivity() {
        f.importFile(FieldopsFixture.sample());

        JsonNode angels = f.get(AtendimentoController.BASE + "/angel_productivity?at_most=100");
        assertThat(angels.get("total").asInt()).isEqualTo(29);
        JsonNode first = angels.get("data").get(0);
        assertThat(first.get("angel").asString()).isEqualTo("Eduardo Neves Pereira");
        assertThat(first.get("on_time_percentage").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(first.get("business_days").asLong()).isEqualTo(131);
        assertThat(first.get("productivity").decimalValue()).isEqualByComparingTo("0.0076");
        assertThat(angels.get("data").get(27).get("on_time_percentage").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(angels.get("data").get(28).get("on_time_percentage").decimalValue()).isEqualByComparingTo("0.00");

        JsonNode polos = f.get(AtendimentoController.BASE + "/polo_productivity?at_most=100");
        assertThat(polos.get("total").asInt()).isEqualTo(25);
        JsonNode top = polos.get("data").get(0);
        assertThat(top.get("polo").asString()).isEqualTo("GO - ITUMBIARA");
        assertThat(top.get("total_deliveries").asLong()).isEqualTo(2);
        assertThat(top.get("on_time_percentage").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(top.has("weekday")).isFalse();
    }

    @Test
    void a21SlaByPoloExportsAsSemicolonCsvWithBomAndOptionalDecimalComma() {
        f.importFile(FieldopsFixture.sample());

        Http.Response csv = f.auditor.header("Accept", "text/csv").get("/api/v1/fieldops/indicators/sla?by=polo");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"sla_by_polo_all_all.csv\"");
        assertThat(csv.body()).startsWith("\uFEFFid;name;onTime;late;overdue;pending;visited;sla\r\n");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(26);
        assertThat(lines).anyMatch(line -> line.contains(";GO - RIO VERDE;") && line.endsWith(";0.00"));

        String comma = f.auditor.get("/api/v1/fieldops/indicators/sla?by=polo&format=csv&decimalSeparator=comma").body();
        assertThat(comma.lines()).anyMatch(line -> line.contains(";PE - OLINDA;") && line.endsWith(";100,00"));
    }
}
