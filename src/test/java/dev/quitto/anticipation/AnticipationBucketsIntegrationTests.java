package dev.quitto.anticipation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** F18: the five buckets are disjoint and together are ALL, for random data at several clocks. */
@QuittoIntegrationTest
class AnticipationBucketsIntegrationTests {

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

    private Set<Long> ids(String token, String status) {
        Set<Long> ids = new HashSet<>();
        String path = "/api/payments/?status=" + status;
        var page = http.bearer(token).get(path).json();
        while (true) {
            page.get("results").valueStream().forEach(p -> ids.add(p.get("id").asLong()));
            if (page.get("next").isNull()) {
                return ids;
            }
            String next = page.get("next").asString();
            page = http.bearer(token).get(next.substring(next.indexOf("/api/"))).json();
        }
    }

    @Test
    void partitionsRandomPaymentsIntoFiveDisjointBucketsAtEveryClock() {
        Random random = new Random(20261122);
        SeedFixture.Party party = f.party("Supplier partition");
        List<Long> payments = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            long payment = f.payment(party.supplierId(), f.today().plusDays(random.nextInt(12)), "1000.00");
            payments.add(payment);
            int fate = random.nextInt(4);
            if (fate > 0 && random.nextBoolean()) {
                var response = http.bearer(party.token()).post("/api/anticipations/",
                        "{\"payment\": " + payment + ", \"new_due_date\": \"" + f.today() + "\"}");
                if (response.status() == 201 && fate > 1) {
                    f.decide(f.operator, response.json().get("id").asLong(), fate == 2 ? "A" : "D");
                }
            }
        }

        for (int days : new int[]{0, 3, 7, 12}) {
            clock.reset();
            clock.advance(Duration.ofDays(days));
            String token = f.actor(party.user()).token();
            Set<Long> all = ids(token, "ALL");
            List<Set<Long>> buckets = List.of(ids(token, "A"), ids(token, "U"), ids(token, "PC"), ids(token, "AN"), ids(token, "D"));
            Set<Long> union = new HashSet<>();
            int sizes = 0;
            for (Set<Long> bucket : buckets) {
                union.addAll(bucket);
                sizes += bucket.size();
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(payments);
            assertThat(union).isEqualTo(all);
            assertThat(sizes).as("buckets are disjoint at +%d days", days).isEqualTo(all.size());
        }
    }
}
