package dev.quitto.platform.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.jobs.FlakyListener;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The recurring {@code platform-event-resubmission} job, driven by the test clock: each minute of it that passes
 * is a run; a failed publication is resubmitted once its backoff (1, 2, 4, 8 minutes) has passed, at most 5 attempts.
 */
@QuittoIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class EventResubmissionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    FlakyListener listener;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    EventResubmission resubmission;

    @Autowired
    TestUsers users;

    @Test
    void completesAPublicationWhoseListenerFailsTwiceThenSucceeds() {
        UUID id = publish(2);
        awaitPublication(id, "FAILED", 1);

        advance(Duration.ofMinutes(1));
        awaitPublication(id, "FAILED", 2);

        advance(Duration.ofMinutes(2));
        awaitPublication(id, "COMPLETED", 3);

        assertThat(listener.calls(id)).isEqualTo(3);
    }

    @Test
    void leavesAPublicationFailedAndListedOnceItIsOutOfAttempts(CapturedOutput output) {
        UUID id = publish(Integer.MAX_VALUE);
        awaitPublication(id, "FAILED", 1);
        for (int attempt = 2; attempt <= 5; attempt++) {
            advance(Duration.ofMinutes(1L << (attempt - 2)));
            awaitPublication(id, "FAILED", attempt);
        }

        advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> givenUp(id));

        assertThat(listener.calls(id)).isEqualTo(5);
        assertThat(status(id)).isEqualTo("FAILED");
        JsonNode failed = failedEvent(Http.on(port).basic(users.create(Role.OPERATOR)), id);
        assertThat(output.getOut()).containsOnlyOnce("Event publication " + failed.get("id").asString());
        assertThat(failed.get("attempts").asInt()).isEqualTo(5);
        assertThat(failed.get("eventType").asString()).isEqualTo(FlakyListener.SomethingHappened.class.getName());
        assertThat(failed.get("givenUpAt").isNull()).isFalse();
    }

    @Test
    void showsFailedPublicationsToOperatorsAndAdminsOnly() {
        String path = "/api/v1/platform/events/failed";

        assertThat(Http.on(port).get(path).status()).isEqualTo(401);
        assertThat(Http.on(port).basic(users.create(Role.AUDITOR)).get(path).status()).isEqualTo(403);
        assertThat(Http.on(port).basic(users.create(Role.ADMIN)).get(path).status()).isEqualTo(200);
        var operator = Http.on(port).basic(users.create(Role.OPERATOR)).get(path + "?page=1&size=10");
        assertThat(operator.status()).isEqualTo(200);
        assertThat(operator.json().get("page").asInt()).isEqualTo(1);
        assertThat(operator.json().get("size").asInt()).isEqualTo(10);
        assertThat(operator.json().has("items")).isTrue();
        assertThat(operator.json().has("totalItems")).isTrue();
    }

    /**
     * Moves this context's clock and runs one resubmission here, on that clock. The recurring job itself is scheduled
     * every minute (JobsIntegrationTests); running it through the shared {@code scheduled_tasks} row would let another
     * cached test context, whose clock is elsewhere, take the run and stamp the attempt with its own time.
     */
    private void advance(Duration duration) {
        clock.advance(duration);
        resubmission.run();
    }

    private UUID publish(int failures) {
        UUID id = UUID.randomUUID();
        transaction.executeWithoutResult(status -> events.publishEvent(new FlakyListener.SomethingHappened(id, failures)));
        return id;
    }

    private void awaitPublication(UUID id, String status, int attempts) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id) + "/" + attempts(id), (status + "/" + attempts)::equals);
    }

    private String status(UUID id) {
        return jdbc.sql("select status from event_publication where serialized_event like :id").param("id", "%" + id + "%")
                .query(String.class).single();
    }

    private int attempts(UUID id) {
        return jdbc.sql("select completion_attempts from event_publication where serialized_event like :id").param("id", "%" + id + "%")
                .query(Integer.class).single();
    }

    private boolean givenUp(UUID id) {
        return jdbc.sql("""
                        select count(*) from platform_event_failure f join event_publication p on p.id = f.publication_id
                        where p.serialized_event like :id
                        """)
                .param("id", "%" + id + "%").query(Long.class).single() == 1;
    }

    private JsonNode failedEvent(Http operator, UUID id) {
        UUID publication = jdbc.sql("select id from event_publication where serialized_event like :id").param("id", "%" + id + "%")
                .query(UUID.class).single();
        var response = operator.get("/api/v1/platform/events/failed?size=200");
        assertThat(response.status()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("items").spliterator(), false)
                .filter(item -> item.get("id").asString().equals(publication.toString()))
                .findFirst().orElseThrow();
    }
}
