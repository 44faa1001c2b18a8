package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.imports.internal.ErrorReportPurge;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Spec 5.6: error reports are kept 30 days (quitto.imports.error-report-retention) and purged by a daily platform job. */
@QuittoIntegrationTest
class FieldopsErrorReportRetentionIntegrationTests {

    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    ErrorReportPurge purge;

    FieldopsFixture f;

    @BeforeEach
    void setUp() {
        f = FieldopsFixture.create(port, users, jdbc);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aReportIsDeletedOnceItsImportFinishedMoreThanThirtyDaysAgoAndTheCountsStay() {
        String id = importWithTwoRejectedRows();
        finishedAgo(id, THIRTY_DAYS.plusSeconds(1));

        purge.purgeExpired();

        JsonNode view = f.get(ImportController.BASE + "/" + id);
        assertThat(view.at("/counts/rejected").asLong()).isEqualTo(2);
        assertThat(OffsetDateTime.parse(view.get("errorReportPurgedAt").asString()).toInstant()).isEqualTo(clock.instant());
        JsonNode errors = f.get(ImportController.BASE + "/" + id + "/errors");
        assertThat(errors.get("items")).isEmpty();
        assertThat(errors.get("totalItems").asLong()).isZero();
        Http.Response csv = f.auditor.header("Accept", "text/csv").get(ImportController.BASE + "/" + id + "/errors");
        assertThat(csv.body().strip()).isEqualTo("line,column,reason,message,value");
    }

    @Test
    void aReportWhoseImportFinishedExactlyThirtyDaysAgoIsKept() {
        String id = importWithTwoRejectedRows();
        finishedAgo(id, THIRTY_DAYS);

        purge.purgeExpired();

        JsonNode view = f.get(ImportController.BASE + "/" + id);
        assertThat(view.get("errorReportPurgedAt").isNull()).isTrue();
        assertThat(f.get(ImportController.BASE + "/" + id + "/errors").get("totalItems").asLong()).isEqualTo(2);
    }

    @Test
    void aLaterRunLeavesAnAlreadyPurgedImportAsItWas() {
        String id = importWithTwoRejectedRows();
        finishedAgo(id, THIRTY_DAYS.plusDays(1));
        purge.purgeExpired();
        String purgedAt = f.get(ImportController.BASE + "/" + id).get("errorReportPurgedAt").asString();

        clock.advance(Duration.ofDays(1));
        purge.purgeExpired();

        assertThat(f.get(ImportController.BASE + "/" + id).get("errorReportPurgedAt").asString()).isEqualTo(purgedAt);
    }

    @Test
    void thePurgeIsADailyJobAt0317BusinessTime() {
        Instant next = jdbc.sql("select execution_time from scheduled_tasks where task_name = 'platform-import-error-report-purge'")
                .query(OffsetDateTime.class).single().toInstant();

        ZonedDateTime local = next.atZone(BusinessTime.ZONE);
        assertThat(local.getHour()).isEqualTo(3);
        assertThat(local.getMinute()).isEqualTo(17);
    }

    private String importWithTwoRejectedRows() {
        long visit = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        JsonNode view = f.importFile(FieldopsFixture.HEADER
                + visit + ";1;Ana Lima;PE - OLINDA;30/06/2021;31/02/2021 10:00\n"
                + (visit + 1) + ";2; ;PE - OLINDA;30/06/2021;29/06/2021 10:15\n");
        assertThat(view.at("/counts/rejected").asLong()).isEqualTo(2);
        assertThat(f.get(ImportController.BASE + "/" + view.get("id").asString() + "/errors").get("totalItems").asLong()).isEqualTo(2);
        return view.get("id").asString();
    }

    /** The import's finish moved back, as if it had finished {@code age} before the clock's now. */
    private void finishedAgo(String id, Duration age) {
        jdbc.sql("update platform_import set finished_at = :finished where id = :id")
                .param("finished", Timestamp.from(clock.instant().minus(age))).param("id", UUID.fromString(id)).update();
    }
}
