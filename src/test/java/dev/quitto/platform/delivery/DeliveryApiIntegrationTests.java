package dev.quitto.platform.delivery;

import static dev.quitto.testsupport.TestDestination.answer;
import static dev.quitto.testsupport.TestDestination.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestDestination;
import dev.quitto.testsupport.TestUsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/platform/deliveries}: operators and auditors read, operators retry. */
@QuittoIntegrationTest
class DeliveryApiIntegrationTests {

    private static final String DELIVERIES = "/api/v1/platform/deliveries";
    private static final Map<String, String> PAYLOAD = Map.of("amount", "10.00");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    Deliveries deliveries;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    DeliveryTestRows rows;
    Http operator;
    Http auditor;

    @BeforeEach
    void signIn() {
        rows = new DeliveryTestRows(deliveries, transactions, jdbc, clock);
        operator = Http.on(port).basic(users.create(Role.OPERATOR));
        auditor = Http.on(port).basic(users.create(Role.AUDITOR));
    }

    @Test
    void retriesADeadDeliveryUntilItIsDelivered() {
        try (TestDestination destination = TestDestination.start().behave(answer(400, "{\"error\":\"not yet\"}"))) {
            UUID id = deadDelivery(destination);
            destination.behave(idempotent());

            var response = operator.post(DELIVERIES + "/" + id + "/retry", "");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("delivery").get("state").asString()).isEqualTo("PENDING");
            await().until(() -> rows.row(id).state() == DeliveryState.DELIVERED);
            assertThat(rows.attempts(id)).extracting(DeliveryAttempt::attempt, DeliveryAttempt::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "PERMANENT"), org.assertj.core.groups.Tuple.tuple(2, "SUCCESS"));
            assertThat(destination.applied(id.toString())).isEqualTo(1);
        }
    }

    @Test
    void refusesToRetryADeliveredDeliveryWith409() {
        try (TestDestination destination = TestDestination.start()) {
            UUID id = rows.enqueue(OutboundDelivery.post("test-api", rows.newKey(), destination.url("/x"), PAYLOAD));
            await().until(() -> rows.row(id).state() == DeliveryState.DELIVERED);

            var response = operator.post(DELIVERIES + "/" + id + "/retry", "");

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("delivery-not-retryable");
            assertThat(destination.received()).hasSize(1);
        }
    }

    @Test
    void retriesEveryDeadDeliveryOfADestinationAndReason() {
        try (TestDestination destination = TestDestination.start().behave(answer(422, "{}"))) {
            UUID first = deadDelivery(destination);
            UUID second = deadDelivery(destination);
            destination.behave(idempotent());

            var response = operator.post(DELIVERIES + "/retry?destination=test-api&deadReason=REJECTED", "");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("retried").asInt()).isGreaterThanOrEqualTo(2);
            await().until(() -> rows.row(first).state() == DeliveryState.DELIVERED && rows.row(second).state() == DeliveryState.DELIVERED);
        }
    }

    @Test
    void listsDeliveriesOfOneStateAndDestinationNewestFirst() {
        try (TestDestination destination = TestDestination.start().behave(answer(400, "{}"))) {
            UUID older = deadDelivery(destination);
            UUID newer = deadDelivery(destination);

            var response = auditor.get(DELIVERIES + "?state=DEAD&destination=test-api&size=200");

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("page").asInt()).isEqualTo(1);
            assertThat(body.get("totalItems").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(body.get("links").get("self").asString()).contains("state=DEAD").contains("destination=test-api");
            assertThat(body.get("items").valueStream()).allSatisfy(item -> {
                assertThat(item.get("state").asString()).isEqualTo("DEAD");
                assertThat(item.get("destination").asString()).isEqualTo("test-api");
            });
            var ids = body.get("items").valueStream().map(item -> item.get("id").asString()).toList();
            assertThat(ids).contains(older.toString(), newer.toString());
            assertThat(ids.indexOf(newer.toString())).isLessThan(ids.indexOf(older.toString()));
        }
    }

    @Test
    void showsADeliveryWithItsAttempts() {
        try (TestDestination destination = TestDestination.start().behave(answer(400, "{\"error\":\"bad\"}"))) {
            UUID id = deadDelivery(destination);

            var response = auditor.get(DELIVERIES + "/" + id);

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("delivery").get("deadReason").asString()).isEqualTo("REJECTED");
            assertThat(body.get("delivery").get("createdAt").asString()).endsWith("-03:00");
            assertThat(body.get("payload").get("amount").asString()).isEqualTo("10.00");
            assertThat(body.get("history").get(0).get("statusCode").asInt()).isEqualTo(400);
            assertThat(body.get("history").get(0).get("bodyExcerpt").asString()).isEqualTo("{\"error\":\"bad\"}");
        }
    }

    @Test
    void answersAnUnknownStateWith400NamingTheField() {
        var response = operator.get(DELIVERIES + "?state=LOST");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("state");
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("PENDING, DELIVERED, DEAD");
    }

    @Test
    void answersAnUnknownIdWith404AndAMalformedIdWith400() {
        var unknown = operator.get(DELIVERIES + "/" + UUID.randomUUID());
        var malformed = operator.get(DELIVERIES + "/not-a-uuid");
        var retryUnknown = operator.post(DELIVERIES + "/" + UUID.randomUUID() + "/retry", "");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("delivery-not-found");
        assertThat(retryUnknown.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("errors").get(0).get("field").asString()).isEqualTo("id");
    }

    @Test
    void letsAnAuditorReadButNotRetry() {
        try (TestDestination destination = TestDestination.start().behave(answer(400, "{}"))) {
            UUID id = deadDelivery(destination);

            assertThat(auditor.get(DELIVERIES + "/" + id).status()).isEqualTo(200);
            assertThat(auditor.post(DELIVERIES + "/" + id + "/retry", "").status()).isEqualTo(403);
            assertThat(auditor.post(DELIVERIES + "/retry?destination=test-api", "").status()).isEqualTo(403);
            assertThat(rows.row(id).state()).isEqualTo(DeliveryState.DEAD);
        }
    }

    @Test
    void letsAnAdminDoWhatOperatorsDoAndRefusesOtherRoles() {
        Http admin = Http.on(port).basic(users.create(Role.ADMIN));
        Http clinic = Http.on(port).basic(users.create(Role.CLINIC));

        assertThat(admin.get(DELIVERIES).status()).isEqualTo(200);
        assertThat(admin.post(DELIVERIES + "/retry?destination=test-nothing-dead", "").status()).isEqualTo(200);
        assertThat(clinic.get(DELIVERIES).status()).isEqualTo(403);
        assertThat(Http.on(port).get(DELIVERIES).status()).isEqualTo(401);
    }

    private UUID deadDelivery(TestDestination destination) {
        UUID id = rows.enqueue(OutboundDelivery.post("test-api", rows.newKey(), destination.url("/x"), PAYLOAD));
        await().until(() -> rows.row(id).state() == DeliveryState.DEAD);
        return id;
    }
}
