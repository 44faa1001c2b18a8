package dev.quitto.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.QuittoApplication;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.OwnDatabase;
import dev.quitto.testsupport.QuittoIntegrationTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code demo} profile's billing, field-ops and consultation data: present after a start, through each module's
 * own import and services, dated from the instance's today; a restart (a day later, same database) adds nothing; and
 * none of it is loaded without the profile.
 */
@QuittoIntegrationTest
class DemoDataIntegrationTests {

    private static final Instant DEMO_DAY = ZonedDateTime.of(2026, 12, 10, 10, 0, 0, 0, BusinessTime.ZONE).toInstant();
    private static final List<String> DEBT_IDS = IntStream.range(0, 300)
            .mapToObj(i -> UUID.nameUUIDFromBytes(("quitto-demo-debt-" + i).getBytes(StandardCharsets.UTF_8)).toString()).toList();
    private static final List<UUID> CONSULTATION_IDS = IntStream.rangeClosed(1, 5)
            .mapToObj(i -> UUID.nameUUIDFromBytes(("quitto-demo-consultation-" + i).getBytes(StandardCharsets.UTF_8))).toList();

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient sharedDatabase;

    @Autowired
    Environment environment;

    @Test
    void isNotLoadedWithoutTheDemoProfile() {
        assertThat(context.containsBean("billingDemoData")).isFalse();
        assertThat(context.containsBean("fieldopsDemoData")).isFalse();
        assertThat(context.containsBean("consultationDemoData")).isFalse();
    }

    @Test
    void demoStartLoadsDebtsPaymentsVisitsAndConsultationsAndARestartAddsNothing() throws IOException {
        // A database of its own: on the shared one, another test context's import worker (with its own clock, days
        // before the demo's) could take the demo's import and refuse its visits as in the future.
        OwnDatabase database = OwnDatabase.create(sharedDatabase, environment, "demo_data");
        Counts first;
        try (ConfigurableApplicationContext demo = startDemo(DEMO_DAY, database)) {
            JdbcClient jdbc = demo.getBean(JdbcClient.class);
            LocalDate today = BusinessTime.today(Clock.fixed(DEMO_DAY, BusinessTime.ZONE));

            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                assertThat(importStatus(jdbc, "demo-debts.csv")).isEqualTo("COMPLETED");
                assertThat(importStatus(jdbc, "demo-visits.csv")).isEqualTo("COMPLETED");
                assertThat(jdbc.sql("select count(*) from billing_payment where idempotency_key like 'demo-payment-%' and status = 'APPLIED'")
                        .query(Long.class).single()).isEqualTo(2);
                assertThat(jdbc.sql("select count(*) from finance_record where appointment_id in (:ids)").param("ids", CONSULTATION_IDS)
                        .query(Long.class).single()).as("charges delivered to the in-process finance").isEqualTo(4);
            });

            assertThat(debts(jdbc, "due_date < :today", today)).as("overdue").isPositive();
            assertThat(debts(jdbc, "due_date between :today and :today + 7", today)).as("due this week").isPositive();
            assertThat(debts(jdbc, "due_date > :today + 7", today)).as("later").isPositive();
            assertThat(debts(jdbc, "true", today)).isEqualTo(300);
            assertThat(jdbc.sql("select status from billing_debt where debt_id = :id").param("id", DEBT_IDS.get(0)).query(String.class).single())
                    .isEqualTo("PARTIALLY_PAID");
            assertThat(jdbc.sql("select status from billing_debt where debt_id = :id").param("id", DEBT_IDS.get(3)).query(String.class).single())
                    .isEqualTo("PAID");
            assertThat(jdbc.sql("select status from billing_payment where idempotency_key = 'demo-payment-unmatched'").query(String.class).single())
                    .isEqualTo("UNMATCHED");
            assertThat(jdbc.sql("select count(*) from fieldops_visit where id between 9100001 and 9100240").query(Long.class).single())
                    .isEqualTo(240);
            assertThat(jdbc.sql("select count(*) from fieldops_visit where id between 9100001 and 9100240 and visit_date is null")
                    .query(Long.class).single()).as("not visited yet").isPositive();
            assertThat(jdbc.sql("select count(*) from consultation where id in (:ids) and end_date is not null").param("ids", CONSULTATION_IDS)
                    .query(Long.class).single()).isEqualTo(4);
            assertThat(jdbc.sql("select count(*) from consultation where id in (:ids) and end_date is null").param("ids", CONSULTATION_IDS)
                    .query(Long.class).single()).isEqualTo(1);
            first = counts(jdbc);
        }

        try (ConfigurableApplicationContext restarted = startDemo(DEMO_DAY.plus(Duration.ofDays(1)), database)) {
            assertThat(counts(restarted.getBean(JdbcClient.class))).isEqualTo(first);
        }
    }

    private static ConfigurableApplicationContext startDemo(Instant now, OwnDatabase database) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Clock clock = Clock.fixed(now, BusinessTime.ZONE);
        // A real port, not 0: the demo's finance and cashback destinations are this instance's own endpoints.
        return new SpringApplicationBuilder(QuittoApplication.class)
                .profiles("test", "demo")
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean("instanceClock", Clock.class, () -> clock, definition -> definition.setPrimary(true)))
                .run(database.arguments("--server.port=" + port, "--quitto.instance-name=demo-data-test"));
    }

    private static String importStatus(JdbcClient jdbc, String fileName) {
        return jdbc.sql("select status from platform_import where file_name = :name order by created_at limit 1").param("name", fileName)
                .query(String.class).optional().orElse("ABSENT");
    }

    private static long debts(JdbcClient jdbc, String condition, LocalDate today) {
        return jdbc.sql("select count(*) from billing_debt where debt_id in (:ids) and " + condition).param("ids", DEBT_IDS).param("today", today)
                .query(Long.class).single();
    }

    private static Counts counts(JdbcClient jdbc) {
        return new Counts(
                jdbc.sql("select count(*) from platform_import where file_name in ('demo-debts.csv', 'demo-visits.csv')").query(Long.class).single(),
                jdbc.sql("select count(*) from billing_debt where debt_id in (:ids)").param("ids", DEBT_IDS).query(Long.class).single(),
                jdbc.sql("select count(*) from billing_payment where idempotency_key like 'demo-payment-%'").query(Long.class).single(),
                jdbc.sql("select coalesce(sum(paid_total), 0) from billing_debt where debt_id in (:ids)").param("ids", DEBT_IDS)
                        .query(BigDecimal.class).single(),
                jdbc.sql("select count(*) from fieldops_visit where id between 9100001 and 9100240").query(Long.class).single(),
                jdbc.sql("select count(*) from consultation where id in (:ids)").param("ids", CONSULTATION_IDS).query(Long.class).single(),
                jdbc.sql("select count(*) from platform_delivery where destination = 'finance' and business_key in (:ids)")
                        .param("ids", CONSULTATION_IDS.stream().map(UUID::toString).toList()).query(Long.class).single());
    }

    private record Counts(long imports, long debts, long payments, BigDecimal paid, long visits, long consultations, long charges) {
    }
}
