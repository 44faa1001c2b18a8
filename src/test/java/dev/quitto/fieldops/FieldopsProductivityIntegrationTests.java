package dev.quitto.fieldops;

import static dev.quitto.fieldops.FieldopsFixture.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Productivity per angel per business day (spec 4.5, acceptance 9) and the business-day endpoint (acceptance 10). */
@QuittoIntegrationTest
class FieldopsProductivityIntegrationTests {

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
    void a09ProductivityIsVisitsOverTheRangesBusinessDaysAndSundayVisitsCount() {
        f.importFile(FieldopsFixture.sample());

        JsonNode week = f.get("/api/v1/fieldops/indicators/productivity?by=angel&from=2021-06-28&to=2021-07-02");
        assertThat(week.get("businessDays").asLong()).isEqualTo(5);
        assertThat(week.get("totalItems").asLong()).isEqualTo(18);
        assertThat(week.at("/totals/visits").asLong()).isEqualTo(18);
        assertThat(week.at("/totals/withVisits").asLong()).isEqualTo(18);
        assertThat(week.at("/totals/averageProductivity").decimalValue()).isEqualByComparingTo("0.2000");
        JsonNode fabricio = item(week.get("items"), "name", "Fabricio Pereira Magalhães");
        assertThat(fabricio.get("visits").asLong()).isEqualTo(1);
        assertThat(fabricio.get("productivity").decimalValue()).isEqualByComparingTo("0.2000");

        JsonNode pedro = f.get("/api/v1/fieldops/indicators/productivity?by=angel&from=2021-06-28&to=2021-07-04&angel=Pedro%20Ferreira%20Magalh%C3%A3es");
        assertThat(pedro.get("items").size()).isEqualTo(1);
        assertThat(pedro.get("items").get(0).get("visits").asLong()).isEqualTo(1);
        assertThat(pedro.get("items").get(0).get("productivity").decimalValue()).isEqualByComparingTo("0.2000");
    }

    @Test
    void aRangeWithoutBusinessDaysHasNullProductivityAndANamedAngelWithoutVisitsIsListed() {
        f.importFile(FieldopsFixture.sample());

        JsonNode goodFriday = f.get("/api/v1/fieldops/indicators/productivity?by=angel&from=2021-04-02&to=2021-04-02&angel=Eduardo%20Neves%20Pereira");

        assertThat(goodFriday.get("businessDays").asLong()).isZero();
        assertThat(goodFriday.get("items").get(0).get("visits").asLong()).isZero();
        assertThat(goodFriday.get("items").get(0).get("productivity").isNull()).isTrue();
    }

    @Test
    void theDefaultRangeRunsFromTheFirstToTheLastVisitDate() {
        f.importFile(FieldopsFixture.sample());

        JsonNode all = f.get("/api/v1/fieldops/indicators/productivity?by=polo");

        assertThat(all.get("from").asString()).isEqualTo("2021-06-26");
        assertThat(all.get("to").asString()).isEqualTo("2021-12-31");
        assertThat(all.get("businessDays").asLong()).isEqualTo(131);
        assertThat(item(all.get("items"), "name", "GO - ITUMBIARA").get("visits").asLong()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}..{1} -> {2}")
    @CsvSource({"2021-06-01, 2021-06-30, 21", "2022-02-28, 2022-03-04, 3", "2021-04-02, 2021-04-02, 0", "2021-06-26, 2021-12-31, 131",
            "2021-01-01, 2021-12-31, 251", "2022-01-01, 2022-12-31, 251", "2024-11-18, 2024-11-22, 4", "2023-11-20, 2023-11-24, 5"})
    void a10BusinessDaysEndpointCountsWithNationalHolidays(String from, String to, long expected) {
        JsonNode days = f.get("/api/v1/fieldops/business-days?from=" + from + "&to=" + to);

        assertThat(days.get("businessDays").asLong()).isEqualTo(expected);
    }

    @Test
    void businessDaysListsTheHolidaysInRange() {
        JsonNode days = f.get("/api/v1/fieldops/business-days?from=2022-02-28&to=2022-03-04");

        assertThat(days.get("holidays").size()).isEqualTo(2);
        assertThat(days.get("holidays").get(0).get("date").asString()).isEqualTo("2022-02-28");
    }
}
