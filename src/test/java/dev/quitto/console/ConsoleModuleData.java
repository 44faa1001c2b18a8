package dev.quitto.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.fieldops.BusinessCalendar;
import dev.quitto.platform.security.Role;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.TestUsers;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Rows of the cashback, consultation and field-ops modules for console tests, made through those modules' HTTP APIs as
 * their clients make them (never by SQL into their tables). Every call uses fresh names, documents and periods, since
 * all test classes share one database.
 */
final class ConsoleModuleData {

    private static final DateTimeFormatter SELLER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Http http;
    private final TestUsers users;
    private final Clock clock;

    ConsoleModuleData(int port, TestUsers users, Clock clock) {
        this.http = Http.on(port);
        this.users = users;
        this.clock = clock;
    }

    // ---- cashback ----

    /** A fresh valid CPF (random base, the spec's check digits), so a filter by document finds only this test's sales. */
    static String cpf() {
        int[] d = new int[11];
        do {
            for (int i = 0; i < 9; i++) {
                d[i] = ThreadLocalRandom.current().nextInt(10);
            }
        } while (java.util.Arrays.stream(d, 0, 9).distinct().count() == 1);
        d[9] = checkDigit(d, 9);
        d[10] = checkDigit(d, 10);
        StringBuilder text = new StringBuilder();
        for (int digit : d) {
            text.append(digit);
        }
        return text.toString();
    }

    private static int checkDigit(int[] digits, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += digits[i] * (count + 1 - i);
        }
        return sum * 10 % 11 % 10;
    }

    /** Posts the challenge's sale (total 100.00, cashback 9.50) for {@code document} as a fresh ERP client; returns its id. */
    long sale(String document) {
        String soldAt = SELLER_TIME.format(LocalDateTime.ofInstant(clock.instant(), BusinessTime.ZONE).minusHours(1));
        Http.Response created = http.basic(users.create(Role.ERP)).post("/api/v1/cashback/sales", """
                {"sold_at":"%s","customer":{"document":"%s","name":"JOSE DA SILVA"},"total":"100.00",
                 "products":[{"type":"A","value":"10.00","qty":1},{"type":"B","value":"10.00","qty":9}]}
                """.formatted(soldAt, document));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** A sale whose delivery failed for good: the provider simulator is full (400) while it is sent, then answers again. */
    long failedSale(String document) {
        providerFaults("{\"quotaFull\":true}");
        try {
            long id = sale(document);
            awaitSale(id, "FAILED");
            return id;
        } finally {
            providerFaults("{}");
        }
    }

    JsonNode awaitSale(long id, String status) {
        Http admin = http.basic(users.create(Role.ADMIN));
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> admin.get("/api/v1/cashback/sales/" + id).json(), sale -> status.equals(sale.get("status").asString()));
    }

    private void providerFaults(String json) {
        Http.Response response = http.put("/api/v1/cashback/simulator/faults", json);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    // ---- consultation ----

    private Http clinic() {
        return http.basic("admin", "teste123");
    }

    /** Starts and at once finishes a consultation of a new patient (one billed hour, 200.00); returns its id. */
    String finishedConsultation() {
        Http.Response started = clinic().post("/app/consultation/start/",
                "{\"physician_id\": \"ea959b03-5577-45c9-b9f7-a45d3e77ce82\", \"patient_id\": \"" + UUID.randomUUID() + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = started.json().get("id").asString();
        Http.Response finished = clinic().put("/app/consultation/finish/", "{\"consultation_id\": \"" + id + "\"}");
        assertThat(finished.status()).as(finished.body()).isEqualTo(202);
        return id;
    }

    /** The consultation's charge as the charges API shows it, once {@code until} holds. */
    JsonNode awaitCharge(String consultationId, Predicate<JsonNode> until) {
        Http operator = http.basic(users.create(Role.OPERATOR));
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode items = operator.get("/api/v1/consultation/charges?consultationId=" + consultationId).json().get("items");
                    return items.isEmpty() ? null : items.get(0);
                }, charge -> charge != null && until.test(charge));
    }

    // ---- field-ops ----

    /**
     * A week of visits nobody else has: deadlines on a Monday {@code deadline} of a past year, the period from the Friday
     * before to the Friday after (six business days, no holiday), and three polos and three angels named with
     * {@code suffix}. Visits are made from the Sunday before to the Thursday after.
     */
    record FieldWeek(LocalDate deadline, LocalDate from, LocalDate to, String suffix) {

        String poloA() {
            return "PE - OLINDA " + suffix;
        }

        String poloB() {
            return "GO - RIO VERDE " + suffix;
        }

        String poloC() {
            return "RJ - NITEROI " + suffix;
        }

        String angelA() {
            return "Ana " + suffix;
        }

        String angelB() {
            return "Bruno " + suffix;
        }

        String angelC() {
            return "Carla " + suffix;
        }

        String query() {
            return "from=" + from + "&to=" + to;
        }
    }

    /** A Monday whose surrounding period holds no holiday and no visit of another test. */
    FieldWeek emptyFieldWeek(Http auditor) {
        BusinessCalendar calendar = new BusinessCalendar(Set.of());
        while (true) {
            LocalDate day = LocalDate.of(ThreadLocalRandom.current().nextInt(2001, 2020), 1, 1)
                    .plusDays(ThreadLocalRandom.current().nextInt(350));
            LocalDate monday = day.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
            LocalDate from = monday.minusDays(3);
            LocalDate to = monday.plusDays(4);
            if (!calendar.holidays(from, to).isEmpty()) {
                continue;
            }
            long taken = auditor.get("/api/v1/fieldops/visits?deadlineFrom=" + from + "&deadlineTo=" + to).json().get("totalItems").asLong()
                    + auditor.get("/api/v1/fieldops/visits?visitFrom=" + from + "&visitTo=" + to).json().get("totalItems").asLong();
            if (taken == 0) {
                return new FieldWeek(monday, from, to, UUID.randomUUID().toString().substring(0, 6));
            }
        }
    }

    /**
     * Six visits due on the week's Monday D, through the canonical API:
     * <pre>
     * polo A: Ana on time (D-1), Bruno on time (D), Ana late (D+2)       on time 2, late 1        SLA 66.67
     * polo B: Bruno on time (D), Carla not visited (overdue)              on time 1, overdue 1     SLA 100.00, 50.00 with overdue
     * polo C: Carla late (D+3)                                            late 1                   SLA 0.00
     * Ana 1/1 = 50.00 (2 visits), Bruno 100.00 (2), Carla 0.00 (1, and 1 overdue)
     * </pre>
     */
    FieldWeek fieldWeek() {
        Http operator = http.basic(users.create(Role.OPERATOR));
        FieldWeek week = emptyFieldWeek(http.basic(users.create(Role.AUDITOR)));
        LocalDate d = week.deadline();
        record Row(String polo, String angel, LocalDate visit) {
        }
        List<Row> rows = new java.util.ArrayList<>(List.of(new Row(week.poloA(), week.angelA(), d.minusDays(1)), new Row(week.poloA(), week.angelB(), d),
                new Row(week.poloA(), week.angelA(), d.plusDays(2)), new Row(week.poloB(), week.angelB(), d),
                new Row(week.poloB(), week.angelC(), null), new Row(week.poloC(), week.angelC(), d.plusDays(3))));
        long client = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        for (Row row : rows) {
            String visited = row.visit() == null ? "" : ", \"visitedAt\": \"" + row.visit() + " 10:00:00\"";
            Http.Response created = operator.post("/api/v1/fieldops/visits", "{\"clientId\": " + client + ", \"angel\": \"" + row.angel()
                    + "\", \"polo\": \"" + row.polo() + "\", \"deadline\": \"" + d + "\"" + visited + "}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        return week;
    }
}
