package dev.quitto.cashback;

import static dev.quitto.cashback.CashbackFixture.SALES;
import static dev.quitto.cashback.CashbackFixture.line;
import static dev.quitto.cashback.CashbackFixture.sale;
import static dev.quitto.cashback.CashbackFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The metrics of cashback.md 6 ("sales accepted, deliveries by outcome, queue depth, age of the oldest due delivery,
 * attempt latency histogram, provider status codes"), read where operators read them: {@code /actuator/metrics} (ADMIN)
 * and {@code /actuator/prometheus}.
 */
@QuittoIntegrationTest
class CashbackMetricsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    TestClock clock;

    CashbackFixture f;
    Http admin;

    @BeforeEach
    void setUp() {
        f = new CashbackFixture(Http.on(port), users, clock);
        f.noFaults();
        admin = f.admin();
    }

    @AfterEach
    void tearDown() {
        f.noFaults();
        clock.reset();
    }

    /** The value of a counter at {@code /actuator/metrics/{name}?tag=…}; 0 before it was first incremented. */
    private double metric(String name, String tag) {
        Http.Response response = admin.get("/actuator/metrics/" + name + "?tag=" + tag);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("measurements").get(0).get("value").asDouble();
    }

    private long post(Http erp, String body) {
        Http.Response response = erp.post(SALES, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    @Test
    void countsAcceptedSalesByStatusAndFinishedDeliveriesByOutcome() {
        double pendingBefore = metric("quitto.cashback.sales.accepted", "status:PENDING");
        double skippedBefore = metric("quitto.cashback.sales.accepted", "status:SKIPPED");
        double deliveredBefore = metric("quitto.cashback.deliveries", "outcome:DELIVERED");
        double failedBefore = metric("quitto.cashback.deliveries", "outcome:FAILED");
        Http erp = f.erp();

        long delivered = post(erp, sample("2026-11-21 10:00:00"));
        f.awaitStatus(delivered, "DELIVERED");
        post(erp, sale("2026-11-21 10:01:00", "79336512404", "0.09", line("A", "0.09", 1)));
        f.faults("{\"quotaFull\":true}");
        long failed = post(erp, sample("2026-11-21 10:02:00"));
        f.awaitStatus(failed, "FAILED");
        Http.Response duplicate = erp.post(SALES, sample("2026-11-21 10:00:00"));

        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(metric("quitto.cashback.sales.accepted", "status:PENDING")).isEqualTo(pendingBefore + 2);
        assertThat(metric("quitto.cashback.sales.accepted", "status:SKIPPED")).isEqualTo(skippedBefore + 1);
        assertThat(metric("quitto.cashback.deliveries", "outcome:DELIVERED")).isGreaterThanOrEqualTo(deliveredBefore + 1);
        assertThat(metric("quitto.cashback.deliveries", "outcome:FAILED")).isGreaterThanOrEqualTo(failedBefore + 1);
    }

    @Test
    void prometheusShowsTheProvidersQueueDepthOldestDueAgeLatencyHistogramAndStatusCodes() {
        long id = post(f.erp(), sample("2026-11-21 10:03:00"));
        f.awaitStatus(id, "DELIVERED");

        String metrics = Http.on(port).get("/actuator/prometheus").body();

        assertThat(metrics).satisfies(
                text -> assertSeries(text, "quitto_cashback_sales_accepted_total", "status=\"PENDING\""),
                text -> assertSeries(text, "quitto_cashback_deliveries_total", "outcome=\"DELIVERED\""),
                text -> assertSeries(text, "quitto_delivery_pending", "destination=\"cashback-provider\""),
                text -> assertSeries(text, "quitto_delivery_oldest_due_age_seconds", "destination=\"cashback-provider\""),
                text -> assertSeries(text, "quitto_delivery_attempt_seconds_bucket", "destination=\"cashback-provider\"", "outcome=\"SUCCESS\"", "le=\""),
                text -> assertSeries(text, "quitto_delivery_response_total", "destination=\"cashback-provider\"", "status=\"201\""));
        assertThat(admin.get("/actuator/metrics/quitto.delivery.response?tag=destination:cashback-provider&tag=status:201").json()
                .get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
    }

    /** The exposition has a sample line of {@code name} carrying every one of {@code labels}. */
    private static void assertSeries(String exposition, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{[^}]*}\\s+\\S+$", Pattern.MULTILINE);
        assertThat(line.matcher(exposition).results().map(match -> match.group())
                .filter(sample -> java.util.Arrays.stream(labels).allMatch(sample::contains)))
                .as("a sample of %s with %s", name, String.join(", ", labels)).isNotEmpty();
    }
}
