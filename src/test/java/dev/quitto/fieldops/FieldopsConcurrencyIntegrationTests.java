package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Real concurrent requests: dimensions created race-free (acceptance 17), aggregates exact after many writes (acceptance 19). */
@QuittoIntegrationTest
class FieldopsConcurrencyIntegrationTests {

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
    void a17TwentyParallelCreatesNamingTheSameNewAngelAllSucceedWithOneAngelRow() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                int client = 1000 + i;
                responses.add(pool.submit(() -> {
                    start.await();
                    return f.operator.post(VisitController.BASE, "{\"clientId\": " + client
                            + ", \"angel\": \"Ana Teste\", \"polo\": \"SP - CAMPINAS\", \"deadline\": \"2021-06-30\", \"visitedAt\": \"2021-06-29T10:00:00\"}");
                }));
            }
            start.countDown();
            for (Future<Http.Response> response : responses) {
                assertThat(response.get().status()).as(response.get().body()).isEqualTo(201);
            }
        }

        assertThat(jdbc.sql("select count(*) from fieldops_angel where name_key = 'ana teste'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select on_time from fieldops_sla_total").query(Long.class).single()).isEqualTo(20);
    }

    @Test
    void a19AfterRandomConcurrentWritesAndImportsEveryAggregateEqualsAFullRecomputation() throws Exception {
        f.importFile(FieldopsFixture.sample());
        String[] angels = {"Ana Lima", "Bruno Sena", "Carla Dias", "Eduardo Neves Pereira"};
        String[] polos = {"PE - OLINDA", "GO - RIO VERDE", "SP - CAMPINAS"};
        String[] visits = {"null", "\"2021-06-20T10:00:00\"", "\"2021-06-30T23:00:00\"", "\"2021-07-03\"", "\"28/062021 11:55\""};
        String[] deadlines = {"2021-06-25", "2021-06-30", "2021-07-01"};
        List<Long> ids = new ArrayList<>(jdbc.sql("select id from fieldops_visit").query(Long.class).list());
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                work.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 250; i++) {
                        String body = "{\"clientId\": " + (1 + random.nextInt(50)) + ", \"angel\": \"" + angels[random.nextInt(angels.length)]
                                + "\", \"polo\": \"" + polos[random.nextInt(polos.length)] + "\", \"deadline\": \""
                                + deadlines[random.nextInt(deadlines.length)] + "\", \"visitedAt\": " + visits[random.nextInt(visits.length)] + "}";
                        Http.Response response;
                        if (random.nextBoolean()) {
                            response = f.operator.post(VisitController.BASE, body);
                            assertThat(response.status()).as(response.body()).isEqualTo(201);
                        } else {
                            long id;
                            synchronized (ids) {
                                id = ids.get(random.nextInt(ids.size()));
                            }
                            response = f.operator.put(VisitController.BASE + "/" + id, body);
                            assertThat(response.status()).as(response.body()).isEqualTo(200);
                        }
                        if (response.status() == 201) {
                            synchronized (ids) {
                                ids.add(response.json().get("id").asLong());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 2; i++) {
                f.importFile(FieldopsFixture.sample());
            }
            for (Future<?> done : work) {
                done.get();
            }
        }
        f.importFile(FieldopsFixture.sampleText().replace(",2021-07-04 09:11:07", ",-"));

        f.assertAggregatesEqualAFullRecomputation();
    }
}
