package dev.quitto.cashback;

import static org.awaitility.Awaitility.await;

import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * The challenge's payloads and the moves every cashback test makes: post a sale as a fresh ERP client, read it back,
 * drive the simulator, wait for the dispatcher. The clock is the spec's: 2026-11-22T09:00:00-03:00.
 */
final class CashbackFixture {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-22T09:00:00-03:00");
    static final String SALES = "/api/v1/cashback/sales";
    static final String SIMULATOR = "/api/v1/cashback/simulator";

    /** The challenge's sample exactly as printed: trailing commas and CPF 00000000000. */
    static final String CHALLENGE_AS_PRINTED = """
            {
                "sold_at": "2026-01-02 00:00:00",
                "customer": {
                   "document": "00000000000",
                   "name": "JOSE DA SILVA",
                },
                "total": "100.00",
                "products": [
                   {
                      "type": "A",
                      "value": "10.00",
                      "qty": 1,
                   },
                   {
                      "type": "B",
                      "value": "10.00",
                      "qty": 9,
                   }
                ],
            }
            """;

    final Http http;
    final TestUsers users;
    final TestClock clock;

    CashbackFixture(Http http, TestUsers users, TestClock clock) {
        this.http = http;
        this.users = users;
        this.clock = clock;
        clock.set(NOW.toInstant());
    }

    /** The challenge's sale with a valid CPF; {@code soldAt} as the seed writes it. */
    static String sample(String soldAt) {
        return sale(soldAt, "79336512404", "100.00", "{\"type\":\"A\",\"value\":\"10.00\",\"qty\":1},{\"type\":\"B\",\"value\":\"10.00\",\"qty\":9}");
    }

    static String sale(String soldAt, String document, String total, String products) {
        return """
                {"sold_at":"%s","customer":{"document":"%s","name":"JOSE DA SILVA"},"total":"%s","products":[%s]}
                """.formatted(soldAt, document, total, products);
    }

    /** One product line as JSON. */
    static String line(String type, String value, int qty) {
        return "{\"type\":\"" + type + "\",\"value\":\"" + value + "\",\"qty\":" + qty + "}";
    }

    Http erp() {
        return http.basic(users.create(Role.ERP));
    }

    Http admin() {
        return http.basic(users.create(Role.ADMIN));
    }

    Http auditor() {
        return http.basic(users.create(Role.AUDITOR));
    }

    JsonNode sale(long id) {
        return admin().get(SALES + "/" + id).json();
    }

    /** Waits (real time) until the sale reaches one of {@code statuses}. */
    JsonNode awaitStatus(long id, String... statuses) {
        Http admin = admin();
        List<String> wanted = List.of(statuses);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> admin.get(SALES + "/" + id).json(), sale -> wanted.contains(sale.get("status").asString()));
    }

    JsonNode awaitSale(long id, Predicate<JsonNode> condition) {
        Http admin = admin();
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> admin.get(SALES + "/" + id).json(), condition::test);
    }

    void faults(String json) {
        Http.Response response = http.put(SIMULATOR + "/faults", json);
        if (response.status() != 200) {
            throw new IllegalStateException("faults: " + response.status() + " " + response.body());
        }
    }

    void noFaults() {
        faults("{}");
    }

    /** What the simulator received with the Idempotency-Key of {@code saleId}. */
    List<JsonNode> receivedFor(long saleId) {
        JsonNode all = http.get(SIMULATOR + "/received").json().get("received");
        return StreamSupport.stream(all.spliterator(), false)
                .filter(r -> ("quitto-cashback-" + saleId).equals(r.get("idempotencyKey").asString(null))).toList();
    }

    /** The Idempotency-Keys of the requests the simulator holds right now (its injected latency), not yet answered. */
    List<String> waitingAtTheSimulator() {
        return StreamSupport.stream(http.get(SIMULATOR + "/received").json().get("waiting").spliterator(), false).map(JsonNode::asString).toList();
    }

    /** Attempts of the sale whose status is 201 at the simulator (credits created or replayed). */
    long createdFor(long saleId) {
        return receivedFor(saleId).stream().filter(r -> r.get("status").asInt() == 201).count();
    }
}
