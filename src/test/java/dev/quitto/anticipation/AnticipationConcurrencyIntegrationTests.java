package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** E8, E9, F8, F17: racing requests and decisions, real concurrent HTTP calls released by one latch. */
@QuittoIntegrationTest
class AnticipationConcurrencyIntegrationTests {

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

    /** Runs {@code count} calls at once and returns their responses. */
    private static List<Http.Response> race(int count, IntFunction<Http.Response> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    private static long count(List<Http.Response> responses, int status) {
        return responses.stream().filter(r -> r.status() == status).count();
    }

    @Test
    void grantsExactlyOneOfTwentyConcurrentDecisionsAndWritesOneLogRowAndOneEmail() throws Exception {
        long id = f.requestAnticipation(f.supplier1.actor(), f.payment1, f.today().plusDays(1));

        List<Http.Response> responses = race(20, i -> f.decide(f.operator, id, i % 2 == 0 ? "A" : "D"));

        assertThat(count(responses, 200)).isEqualTo(1);
        assertThat(count(responses, 409)).isEqualTo(19);
        assertThat(responses).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> assertThat(r.body()).isEqualTo("{\"detail\":\"Only pending anticipations can be approved or denied.\"}"));
        String winner = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().json().get("status").asString();
        assertThat(f.status(id)).isEqualTo(winner.equals("A") ? "APPROVED" : "DENIED");
        assertThat(f.logRows(id, "A") + f.logRows(id, "D")).isEqualTo(1);
        assertThat(f.mails(id)).extracting(SeedFixture.Mail::kind).containsExactly("REQUESTED", winner.equals("A") ? "APPROVED" : "DENIED");
        List<String> subjects = f.mails(id).stream().map(SeedFixture.Mail::subject).toList();
        String supplierAddress = f.mails(id).getFirst().recipient();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(dev.quitto.testsupport.TestMailServer.messagesTo(supplierAddress)).extracting(message -> message.getSubject())
                        .containsExactlyInAnyOrderElementsOf(subjects));
    }

    @Test
    void grantsOneWinnerInEachOfTwentyFiveRoundsOfApproveAgainstDeny() throws Exception {
        for (int round = 0; round < 25; round++) {
            long payment = f.payment(f.supplier1.supplierId(), f.today().plusDays(10), "100.00");
            long id = f.requestAnticipation(f.supplier1.actor(), payment, f.today().plusDays(1));

            List<Http.Response> responses = race(2, i -> f.decide(f.operator, id, i == 0 ? "A" : "D"));

            assertThat(count(responses, 200)).isEqualTo(1);
            assertThat(count(responses, 409)).isEqualTo(1);
            assertThat(f.logRows(id)).isEqualTo(2);
            assertThat(f.mails(id)).hasSize(2);
        }
    }

    @Test
    void createsExactlyOneOfTwentyConcurrentRequestsOnOnePayment() throws Exception {
        List<Http.Response> responses = race(20, i -> http.bearer(i % 2 == 0 ? f.supplier1.token() : f.operator.token())
                .post("/api/anticipations/", "{\"payment\": " + f.payment1 + ", \"new_due_date\": \"" + f.today().plusDays(i % 5) + "\"}"));

        assertThat(count(responses, 201)).isEqualTo(1);
        assertThat(count(responses, 400)).isEqualTo(19);
        assertThat(responses).filteredOn(r -> r.status() == 400)
                .allSatisfy(r -> assertThat(r.body()).isEqualTo("[\"An anticipation was already created for this payment.\"]"));
        long id = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().get("id").asLong();
        assertThat(jdbc.sql("select count(*) from anticipation_request where payment_id = :p").param("p", f.payment1).query(Long.class).single())
                .isEqualTo(1);
        assertThat(f.logRows(id)).isEqualTo(1);
        assertThat(f.mails(id)).hasSize(1);
    }
}
