package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Seed tests of {@code POST /api/anticipations/}: 4 to 11 and 29. */
@QuittoIntegrationTest
class AnticipationCreateSeedContractTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    SeedFixture f;
    Http http;

    @BeforeEach
    void setUp() {
        http = Http.on(port);
        f = SeedFixture.create(http, jdbc, users, clock);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Http.Response create(String token, String body) {
        return http.bearer(token).post("/api/anticipations/", body);
    }

    @Test
    void seed04OperatorCreatesAnAnticipationForToday() {
        var response = create(f.operator.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\"}");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void seed05AnswersTheSeedJsonOfTheStoredRow() {
        var response = create(f.operator.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\"}");

        long id = response.json().get("id").asLong();
        String stored = jdbc.sql("""
                        select json_build_object('id', id, 'payment', payment_id,
                            'creation_date', to_char(requested_at at time zone 'America/Sao_Paulo', 'YYYY-MM-DD'),
                            'new_due_date', to_char(new_due_date, 'YYYY-MM-DD'), 'new_value', to_char(new_value, 'FM999999999990.00'),
                            'update_date', to_char(updated_at at time zone 'America/Sao_Paulo', 'YYYY-MM-DD'), 'status', 'PC')::text
                        from anticipation_request where id = :id""")
                .param("id", id).query(String.class).single();
        assertThat(response.json()).isEqualTo(JSON.readTree(stored));
        assertThat(response.json().propertyNames()).containsExactly("id", "payment", "creation_date", "new_due_date", "new_value", "update_date", "status");
        assertThat(response.json().get("new_value").asString()).isEqualTo("1089.00");
    }

    @Test
    void seed06RefusesAnUnauthenticatedCreateWith401() {
        var response = http.post("/api/anticipations/", "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\"}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("detail").asString()).isEqualTo("Authentication credentials were not provided.");
    }

    @Test
    void seed07RefusesYesterdayWith400() {
        var response = create(f.operator.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today().minusDays(1) + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"new_due_date\":[\"Inform a date greater than or equal today.\"]}");
    }

    @Test
    void seed07RefusesADayMonthYearDateWith400() {
        String date = f.today().plusDays(1).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));

        var response = create(f.operator.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + date + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"new_due_date\":[\"Date has wrong format. Use one of these formats instead: YYYY-MM-DD.\"]}");
    }

    @Test
    void seed07RefusesAMissingNewDueDateWith400() {
        var response = create(f.operator.token(), "{\"payment\": " + f.payment1 + "}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"new_due_date\":[\"This field is required.\"]}");
    }

    @Test
    void seed07RefusesASupplierUsingAnotherSuppliersPaymentWith400() {
        var response = create(f.supplier1.token(), "{\"payment\": " + f.payment2 + ", \"new_due_date\": \"" + f.today() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"payment\":[\"Invalid pk \\\"" + f.payment2 + "\\\" - object does not exist.\"]}");
    }

    @Test
    void seed07RefusesPayment12345With400() {
        var response = create(f.operator.token(), "{\"payment\": 12345678901, \"new_due_date\": \"" + f.today() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"payment\":[\"Invalid pk \\\"12345678901\\\" - object does not exist.\"]}");
    }

    @Test
    void seed07RefusesAMissingPaymentWith400() {
        var response = create(f.operator.token(), "{\"new_due_date\": \"" + f.today() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"payment\":[\"This field is required.\"]}");
    }

    @Test
    void seed08RefusesACommonUserWith403() {
        var response = create(f.common.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\"}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asString()).isEqualTo("Only suppliers or operators can make requests.");
    }

    @Test
    void seed09WritesOneRequestLogRow() {
        long id = f.requestAnticipation(f.operator, f.payment1, f.today());

        assertThat(f.logRows(id)).isEqualTo(1);
        assertThat(f.logRows(id, "R")).isEqualTo(1);
    }

    @Test
    void seed10WritesExactlyOneRequestedEmailToTheSupplier() {
        long id = f.requestAnticipation(f.operator, f.payment1, f.today());

        assertThat(f.mails(id)).singleElement().satisfies(mail -> {
            assertThat(mail.kind()).isEqualTo("REQUESTED");
            assertThat(mail.recipient()).isEqualTo(f.supplier1.user().login());
            assertThat(mail.subject()).isEqualTo("New anticipation requested.");
            assertThat(mail.anticipationId()).isEqualTo(id);
            assertThat(mail.bodyText()).contains("Supplier 01", "an operator on your behalf", "R$ 1.100,00", "R$ 1.089,00");
        });
    }

    @Test
    void seed11RefusesASecondRequestOnThePaymentWith400() {
        f.requestAnticipation(f.operator, f.payment1, f.today());

        var response = create(f.operator.token(), "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today() + "\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get(0).asString()).isEqualTo("An anticipation was already created for this payment.");
    }

    @Test
    void seed29DiscountsElevenHundredOverFifteenDaysTo1083_50() {
        long payment = f.payment(f.supplier1.supplierId(), f.today().plusDays(15), "1100.00");

        var response = create(f.supplier1.token(), "{\"payment\": " + payment + ", \"new_due_date\": \"" + f.today() + "\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("new_value").asString()).isEqualTo("1083.50");
    }
}
