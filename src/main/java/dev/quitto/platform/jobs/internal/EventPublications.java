package dev.quitto.platform.jobs.internal;

import dev.quitto.platform.time.BusinessTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the registry's API does not offer, in SQL over its {@code event_publication} table: stale publications,
 * publications given up on, and the failed list operators read.
 */
@Repository
class EventPublications {

    private final JdbcClient jdbc;

    EventPublications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks FAILED the publications still in flight whose last attempt began before {@code before}. The registry's
     * own staleness check measures from the publication date, which would fail a resubmitted publication while
     * its listener runs; this measures from the last attempt.
     */
    int failStale(Instant before) {
        return jdbc.sql("""
                        update event_publication set status = 'FAILED'
                        where completion_date is null
                          and status in ('PUBLISHED', 'PROCESSING', 'RESUBMITTED')
                          and coalesce(last_resubmission_date, publication_date) < :before
                        """)
                .param("before", at(before))
                .update();
    }

    /** Records, once each, the FAILED publications out of attempts; returns those recorded now. */
    List<GivenUp> recordGivenUp(int maxAttempts, Instant now) {
        return jdbc.sql("""
                        insert into platform_event_failure (publication_id, listener_id, event_type, attempts, given_up_at)
                        select id, listener_id, event_type, completion_attempts, :now
                        from event_publication
                        where completion_date is null and status = 'FAILED' and completion_attempts >= :maxAttempts
                        on conflict (publication_id) do nothing
                        returning publication_id, listener_id, event_type, attempts
                        """)
                .param("now", at(now))
                .param("maxAttempts", maxAttempts)
                .query((rs, row) -> new GivenUp(rs.getObject("publication_id", UUID.class), rs.getString("listener_id"),
                        rs.getString("event_type"), rs.getInt("attempts")))
                .list();
    }

    long countGivenUp() {
        return jdbc.sql("""
                        select count(*) from platform_event_failure f
                        join event_publication p on p.id = f.publication_id
                        where p.status = 'FAILED' and p.completion_date is null
                        """)
                .query(Long.class).single();
    }

    List<FailedEventView> findFailed(int limit, long offset) {
        return jdbc.sql("""
                        select p.id, p.listener_id, p.event_type, p.publication_date, p.completion_attempts,
                               p.last_resubmission_date, f.given_up_at
                        from event_publication p left join platform_event_failure f on f.publication_id = p.id
                        where p.status = 'FAILED' and p.completion_date is null
                        order by p.publication_date desc, p.id
                        limit :limit offset :offset
                        """)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::view)
                .list();
    }

    long countFailed() {
        return jdbc.sql("select count(*) from event_publication where status = 'FAILED' and completion_date is null")
                .query(Long.class).single();
    }

    private FailedEventView view(ResultSet rs, int row) throws SQLException {
        OffsetDateTime lastAttempt = rs.getObject("last_resubmission_date", OffsetDateTime.class);
        OffsetDateTime published = rs.getObject("publication_date", OffsetDateTime.class);
        OffsetDateTime givenUp = rs.getObject("given_up_at", OffsetDateTime.class);
        return new FailedEventView(rs.getObject("id", UUID.class), rs.getString("listener_id"), rs.getString("event_type"),
                render(published), rs.getInt("completion_attempts"), render(lastAttempt == null ? published : lastAttempt),
                givenUp == null ? null : render(givenUp));
    }

    private static OffsetDateTime render(OffsetDateTime value) {
        return BusinessTime.render(value.toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    record GivenUp(UUID id, String listenerId, String eventType, int attempts) {
    }
}
