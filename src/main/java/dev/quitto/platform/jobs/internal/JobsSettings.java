package dev.quitto.platform.jobs.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Jobs and events ({@code quitto.jobs}). db-scheduler's own settings (threads, polling) are under
 * {@code db-scheduler.*}.
 */
@ConfigurationProperties("quitto.jobs")
public record JobsSettings(@DefaultValue EventResubmission eventResubmission) {

    /**
     * The recurring job that resubmits event publications whose listener failed.
     *
     * @param cron          when it runs ({@code QUITTO_JOBS_EVENT_RESUBMISSION_CRON}, default every minute)
     * @param minAge        a publication younger than this is left alone
     * @param backoff       wait after the first failed attempt; doubles after each further one
     * @param maxBackoff    the longest wait between two attempts
     * @param maxAttempts   attempts (the first delivery included) before a publication is given up and stays FAILED
     * @param batchSize     most publications resubmitted per run
     * @param staleAfter    a publication still PUBLISHED, PROCESSING or RESUBMITTED this long after its last attempt
     *                      (its instance died, say) is marked FAILED, and so becomes due for resubmission
     * @param keepCompleted completed publications older than this are deleted
     */
    public record EventResubmission(@DefaultValue("0 * * * * *") String cron,
                                    @DefaultValue("1m") Duration minAge,
                                    @DefaultValue("1m") Duration backoff,
                                    @DefaultValue("1h") Duration maxBackoff,
                                    @DefaultValue("5") int maxAttempts,
                                    @DefaultValue("100") int batchSize,
                                    @DefaultValue("15m") Duration staleAfter,
                                    @DefaultValue("7d") Duration keepCompleted) {

        public EventResubmission {
            if (maxAttempts < 1 || batchSize < 1) {
                throw new IllegalArgumentException("quitto.jobs.event-resubmission.max-attempts and batch-size must be 1 or more");
            }
        }

        /** The wait before attempt {@code attemptsSoFar + 1}: backoff × 2^(attemptsSoFar − 1), at most {@code maxBackoff}. */
        Duration backoffAfter(int attemptsSoFar) {
            Duration wait = backoff;
            for (int i = 1; i < attemptsSoFar && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }
}
