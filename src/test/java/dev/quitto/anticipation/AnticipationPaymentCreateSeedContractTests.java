package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Seed tests of {@code POST /api/payments/}: 30 to 35. */
@QuittoIntegrationTest
class AnticipationPaymentCreateSeedContractTests {

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
        return http.bearer(token).post("/api/payments/", body);
    }

    private long ownerOf(long paymentId) {
        return jdbc.sql("select supplier_id from anticipation_payment where id = :id").param("id", paymentId).query(Long.class).single();
    }

    @Test
    void seed30OperatorCreatesAPaymentForSupplier01() {
        var response = create(f.operator.token(), "{\"supplier\": " + f.supplier1.supplierId() + ", \"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": 1000}");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void seed31AnswersTheSeedJsonOfTheStoredRow() {
        var response = create(f.operator.token(), "{\"supplier\": " + f.supplier1.supplierId() + ", \"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": 1000}");

        String stored = jdbc.sql("""
                        select json_build_object('id', id, 'supplier', supplier_id, 'creation_date', to_char(issue_date, 'YYYY-MM-DD'),
                            'due_date', to_char(due_date, 'YYYY-MM-DD'), 'value', value::text)::text
                        from anticipation_payment where id = :id""")
                .param("id", response.json().get("id").asLong()).query(String.class).single();
        assertThat(response.json()).isEqualTo(JSON.readTree(stored));
        assertThat(response.json().get("value").asString()).isEqualTo("1000.00");
        assertThat(response.json().get("creation_date").asString()).isEqualTo(f.today().toString());
    }

    @Test
    void seed32RefusesAnUnauthenticatedCreateWith401() {
        var response = http.post("/api/payments/", "{\"supplier\": 1, \"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": 1000}");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void seed33RefusesAnOperatorsPaymentWithoutSupplierWith400() {
        var response = create(f.operator.token(), "{\"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": 1000}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"supplier\":[\"This field is required.\"]}");
    }

    @Test
    void seed33RefusesSupplier12345With400() {
        var response = create(f.operator.token(), "{\"supplier\": 123456789012, \"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": 1000}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"supplier\":[\"Invalid pk \\\"123456789012\\\" - object does not exist.\"]}");
    }

    @Test
    void seed33RefusesValueMinusTenWith400() {
        var response = create(f.operator.token(), "{\"supplier\": " + f.supplier1.supplierId() + ", \"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": -10}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"value\":[\"Make sure the value is greater than zero.\"]}");
    }

    @Test
    void seed33RefusesADueDateOfYesterdayWith400() {
        var response = create(f.operator.token(), "{\"supplier\": " + f.supplier1.supplierId() + ", \"due_date\": \"" + f.today().minusDays(1) + "\", \"value\": 1000}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"due_date\":[\"Inform a date greater than or equal today.\"]}");
    }

    @Test
    void seed34IgnoresTheSupplierASupplierSends() {
        var response = create(f.supplier1.token(), "{\"supplier\": " + f.supplier2.supplierId() + ", \"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": 1000}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("supplier").asLong()).isEqualTo(f.supplier1.supplierId());
        assertThat(ownerOf(response.json().get("id").asLong())).isEqualTo(f.supplier1.supplierId());
    }

    @Test
    void seed35LetsASupplierOmitTheSupplier() {
        var response = create(f.supplier1.token(), "{\"due_date\": \"" + f.today().plusDays(10) + "\", \"value\": \"1000.50\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(ownerOf(response.json().get("id").asLong())).isEqualTo(f.supplier1.supplierId());
        assertThat(response.json().get("value").asString()).isEqualTo("1000.50");
    }
}
