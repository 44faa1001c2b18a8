package dev.quitto.platform.jobs.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * One run of {@code platform-event-resubmission}: publications stuck in flight become FAILED; FAILED publications
 * whose backoff has passed are handed to their listener again (each attempt counted by the registry); those out
 * of attempts are logged once, counted in {@code quitto.events.given-up} and stay FAILED, listed at
 * {@code GET /api/v1/platform/events/failed}; completed publications past their retention are deleted.
 * db-scheduler runs it on one instance at a time.
 */
@Component
class EventResubmission {

    private static final Logger log = LoggerFactory.getLogger(EventResubmission.class);

    private final IncompleteEventPublications incomplete;
    private final CompletedEventPublications completed;
    private final EventPublications publications;
    private final Clock clock;
    private final JobsSettings.EventResubmission settings;
    private final Counter resubmitted;
    private final Counter givenUp;

    EventResubmission(IncompleteEventPublications incomplete, CompletedEventPublications completed, EventPublications publications,
                      Clock clock, JobsSettings settings, MeterRegistry meters) {
        this.incomplete = incomplete;
        this.completed = completed;
        this.publications = publications;
        this.clock = clock;
        this.settings = settings.eventResubmission();
        this.resubmitted = Counter.builder("quitto.events.resubmitted")
                .description("Event publications handed to their listener again after a failure").register(meters);
        this.givenUp = Counter.builder("quitto.events.given-up")
                .description("Event publications that ran out of attempts").register(meters);
        Gauge.builder("quitto.events.failed", publications, EventPublications::countGivenUp)
                .description("Event publications out of attempts and still FAILED, waiting for an operator")
                .strongReference(true).register(meters);
    }

    void run() {
        Instant now = clock.instant();
        int stale = publications.failStale(now.minus(settings.staleAfter()));
        if (stale > 0) {
            log.warn("{} event publications showed no progress for {}; marked FAILED so they are resubmitted", stale, settings.staleAfter());
        }

        AtomicInteger chosen = new AtomicInteger();
        incomplete.resubmitIncompletePublications(publication -> isDue(publication, now) && chosen.incrementAndGet() <= settings.batchSize());
        int count = Math.min(chosen.get(), settings.batchSize());
        if (count > 0) {
            resubmitted.increment(count);
            log.info("Resubmitted {} failed event publications", count);
        }

        for (EventPublications.GivenUp publication : publications.recordGivenUp(settings.maxAttempts(), now)) {
            givenUp.increment();
            log.error("Event publication {} ({} to {}) failed {} times and will not be retried; it stays FAILED",
                    publication.id(), publication.eventType(), publication.listenerId(), publication.attempts());
        }

        completed.deletePublicationsOlderThan(settings.keepCompleted());
    }

    private boolean isDue(EventPublication publication, Instant now) {
        if (publication.getStatus() != EventPublication.Status.FAILED || publication.getCompletionAttempts() >= settings.maxAttempts()) {
            return false;
        }
        if (publication.getPublicationDate().isAfter(now.minus(settings.minAge()))) {
            return false;
        }
        Instant lastAttempt = publication.getLastResubmissionDate() == null ? publication.getPublicationDate() : publication.getLastResubmissionDate();
        return !lastAttempt.plus(settings.backoffAfter(publication.getCompletionAttempts())).isAfter(now);
    }
}
