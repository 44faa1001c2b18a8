package dev.quitto.fieldops;

import static dev.quitto.fieldops.FieldopsFixture.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Indicators are always fresh: the very next read after a write shows it (acceptance items 6, 7, 8). */
@QuittoIntegrationTest
class FieldopsFreshnessIntegrationTests {

    private static final String SLA_BY_POLO = "/api/v1/fieldops/indicators/sla?by=polo&asOf=2022-07-01";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    FieldopsFixture f;

    @BeforeEach
    void importSample() {
        f = FieldopsFixture.create(port, users, jdbc);
        f.importFile(FieldopsFixture.sample());
    }

    @Test
    void a06SeedPatchOfALateVisitMakesItOnTimeInTheVeryNextSlaRead() {
        Http.Response patched = f.operator.patch(AtendimentoController.BASE + "/728", "{\"data_de_atendimento\":\"2021-06-30 10:00\"}");

        assertThat(patched.status()).isEqualTo(201);
        assertThat(patched.json().get("status").asString()).isEqualTo("ON_TIME");
        assertThat(patched.json().get("data_de_atendimento").asString()).isEqualTo("2021-06-30T10:00:00");
        JsonNode sla = f.get(SLA_BY_POLO);
        assertThat(sla.at("/totals/onTime").asLong()).isEqualTo(28);
        assertThat(sla.at("/totals/visited").asLong()).isEqualTo(29);
        assertThat(sla.at("/totals/sla").decimalValue()).isEqualByComparingTo("96.55");
        assertThat(item(sla.get("items"), "name", "GO - RIO VERDE").get("sla").decimalValue()).isEqualByComparingTo("100.00");
    }

    @Test
    void a07ClearingAVisitMovesItToUnvisitedAndIncludeOverdueCountsIt() {
        Http.Response patched = f.operator.header("Content-Type", "application/merge-patch+json")
                .patch(VisitController.BASE + "/701", "{\"visitedAt\": null}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("visitDate").isNull()).isTrue();

        JsonNode sla = f.get(SLA_BY_POLO);
        assertThat(sla.at("/totals/onTime").asLong()).isEqualTo(26);
        assertThat(sla.at("/totals/visited").asLong()).isEqualTo(28);
        assertThat(sla.at("/totals/overdue").asLong()).isEqualTo(1);
        assertThat(sla.at("/totals/sla").decimalValue()).isEqualByComparingTo("92.86");
        assertThat(item(sla.get("items"), "name", "RJ - SAO GONÇALO").get("sla").isNull()).isTrue();

        JsonNode withOverdue = f.get(SLA_BY_POLO + "&includeOverdue=true");
        assertThat(withOverdue.at("/totals/sla").decimalValue()).isEqualByComparingTo("89.66");
        assertThat(item(withOverdue.get("items"), "name", "RJ - SAO GONÇALO").get("sla").decimalValue()).isEqualByComparingTo("0.00");

        JsonNode early = f.get("/api/v1/fieldops/indicators/sla?by=polo&asOf=2021-06-30");
        assertThat(early.at("/totals/pending").asLong()).isEqualTo(1);
        assertThat(early.at("/totals/overdue").asLong()).isZero();
        assertThat(f.get(VisitController.BASE + "?asOf=2021-06-30&status=PENDING").get("items").get(0).get("id").asLong()).isEqualTo(701);
    }

    @Test
    void a08ImportingAModifiedFileUpdatesOnlyTheChangedRowsAndMovesTheirCounts() {
        String modified = FieldopsFixture.sampleText()
                .replace("728,592576881,Pedro Ferreira Magalhães,GO - RIO VERDE,30/06/2021,2021-07-04 09:11:07",
                        "728,592576881,Pedro Ferreira Magalhães,GO - RIO VERDE,30/06/2021,2021-06-30 10:00:00")
                .replace("701,224601947,João Magalhães Neves,RJ - SAO GONÇALO,30/06/2021,2021-06-29 09:07:23",
                        "701,224601947,João Magalhães Neves,RJ - SAO GONÇALO,30/06/2021,-");

        JsonNode counts = f.importFile(modified).get("counts");

        assertThat(counts.get("updated").asLong()).isEqualTo(2);
        assertThat(counts.get("unchanged").asLong()).isEqualTo(27);
        assertThat(counts.get("inserted").asLong()).isZero();
        assertThat(f.get(SLA_BY_POLO).at("/totals/sla").decimalValue()).isEqualByComparingTo("96.43");
        assertThat(f.get(SLA_BY_POLO + "&includeOverdue=true").at("/totals/sla").decimalValue()).isEqualByComparingTo("93.10");
    }

    @Test
    void patchMovingAVisitToAnotherPoloAndAngelChangesBothGroupsInTheNextRead() {
        Http.Response patched = f.operator.patch(VisitController.BASE + "/728", "{\"polo\": \"PE - OLINDA\", \"angel\": \"Eduardo Neves Pereira\"}");
        assertThat(patched.status()).isEqualTo(200);

        JsonNode byPolo = f.get(SLA_BY_POLO);
        assertThat(byPolo.get("totalItems").asLong()).as("GO - RIO VERDE has no visit left").isEqualTo(24);
        JsonNode olinda = item(byPolo.get("items"), "name", "PE - OLINDA");
        assertThat(olinda.get("late").asLong()).isEqualTo(1);
        assertThat(olinda.get("sla").decimalValue()).isEqualByComparingTo("66.67");
        JsonNode eduardo = item(f.get("/api/v1/fieldops/indicators/sla?by=angel").get("items"), "name", "Eduardo Neves Pereira");
        assertThat(eduardo.get("visited").asLong()).isEqualTo(2);
        assertThat(eduardo.get("sla").decimalValue()).isEqualByComparingTo("50.00");
    }

    @Test
    void ifMatchWithAStaleVersionIsRefusedAndChangesNothing() {
        Http.Response first = f.operator.header("If-Match", "\"1\"").patch(VisitController.BASE + "/728", "{\"deadline\": \"2021-07-05\"}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"2\"");

        Http.Response stale = f.operator.header("If-Match", "\"1\"").patch(VisitController.BASE + "/728", "{\"deadline\": \"2021-06-01\"}");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("code").asString()).isEqualTo("version-mismatch");
        assertThat(f.get(VisitController.BASE + "/728").get("deadline").asString()).isEqualTo("2021-07-05");
    }
}
