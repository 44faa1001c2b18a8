package dev.quitto.platform.delivery.internal;

import dev.quitto.platform.delivery.DeadReason;
import dev.quitto.platform.delivery.Delivery;
import dev.quitto.platform.delivery.DeliveryAttempt;
import dev.quitto.platform.delivery.DeliveryPage;
import dev.quitto.platform.delivery.DeliveryState;
import dev.quitto.platform.delivery.OutboundDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every statement on {@code platform_delivery} and {@code platform_delivery_attempt}. Times are passed in, never {@code now()}. */
@Repository
public class DeliveryRepository {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private static final String COLUMNS = """
            id, destination, business_key, method, target, headers::text as headers, payload::text as payload, status, attempts,
            next_attempt_at, give_up_at, lease_until, last_attempt_at, last_status_code, last_error, dead_reason, delivered_at,
            result_ref, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DeliveryRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the delivery unless its (destination, business key) exists; either way returns the id that holds the key. */
    public UUID insertOrFind(UUID id, OutboundDelivery delivery, @Nullable String payloadJson, Instant now, Instant giveUpAt) {
        Optional<UUID> inserted = jdbc.sql("""
                        insert into platform_delivery (id, destination, business_key, method, target, headers, payload, status, attempts,
                                                       cycle_attempts, next_attempt_at, give_up_at, created_at, updated_at)
                        values (:id, :destination, :businessKey, :method, :target, cast(:headers as jsonb), cast(:payload as jsonb),
                                'PENDING', 0, 0, :now, :giveUpAt, :now, :now)
                        on conflict (destination, business_key) do nothing
                        returning id
                        """)
                .param("id", id)
                .param("destination", delivery.destination())
                .param("businessKey", delivery.businessKey())
                .param("method", delivery.method())
                .param("target", delivery.target())
                .param("headers", json.writeValueAsString(delivery.headers()))
                .param("payload", payloadJson)
                .param("now", at(now))
                .param("giveUpAt", at(giveUpAt))
                .query(UUID.class).optional();
        return inserted.orElseGet(() -> jdbc.sql("select id from platform_delivery where destination = :destination and business_key = :businessKey")
                .param("destination", delivery.destination()).param("businessKey", delivery.businessKey())
                .query(UUID.class).single());
    }

    public Optional<Delivery> find(UUID id, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from platform_delivery where id = :id").param("id", id)
                .query((rs, row) -> delivery(rs, now)).optional();
    }

    /** Locks the row, for a state change decided by its current state. */
    public Optional<Delivery> lock(UUID id, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from platform_delivery where id = :id for update").param("id", id)
                .query((rs, row) -> delivery(rs, now)).optional();
    }

    public Optional<Delivery> findByBusinessKey(String destination, String businessKey, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from platform_delivery where destination = :destination and business_key = :businessKey")
                .param("destination", destination).param("businessKey", businessKey)
                .query((rs, row) -> delivery(rs, now)).optional();
    }

    public List<DeliveryAttempt> attempts(UUID id) {
        return jdbc.sql("""
                        select attempt, at, status_code, latency_ms, outcome, error, body_excerpt, worker
                        from platform_delivery_attempt where delivery_id = :id order by attempt
                        """)
                .param("id", id)
                .query((rs, row) -> new DeliveryAttempt(rs.getInt("attempt"), instant(rs, "at"), integer(rs, "status_code"),
                        integer(rs, "latency_ms"), rs.getString("outcome"), rs.getString("error"), rs.getString("body_excerpt"),
                        rs.getString("worker")))
                .list();
    }

    /** Newest first (ids are UUIDv7, so id order is creation order). */
    public DeliveryPage list(@Nullable DeliveryState state, @Nullable String destination, @Nullable DeadReason deadReason,
                             int limit, long offset, Instant now) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (state != null) {
            where.append(" and status = :state");
            params.put("state", state.name());
        }
        if (destination != null) {
            where.append(" and destination = :destination");
            params.put("destination", destination);
        }
        if (deadReason != null) {
            where.append(" and dead_reason = :deadReason");
            params.put("deadReason", deadReason.name());
        }
        long total = jdbc.sql("select count(*) from platform_delivery" + where).params(params).query(Long.class).single();
        List<Delivery> items = jdbc.sql("select " + COLUMNS + " from platform_delivery" + where + " order by id desc limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset)
                .query((rs, row) -> delivery(rs, now)).list();
        return new DeliveryPage(items, total);
    }

    /** DEAD to PENDING, due now, with a new give-up time and a new attempt cycle. */
    public int rearm(UUID id, Instant now, Instant giveUpAt) {
        return jdbc.sql("""
                        update platform_delivery
                        set status = 'PENDING', dead_reason = null, next_attempt_at = :now, give_up_at = :giveUpAt, cycle_attempts = 0,
                            updated_at = :now
                        where id = :id and status = 'DEAD'
                        """)
                .param("id", id).param("now", at(now)).param("giveUpAt", at(giveUpAt)).update();
    }

    public int rearmAll(String destination, @Nullable DeadReason deadReason, Instant now, Instant giveUpAt) {
        return jdbc.sql("""
                        update platform_delivery
                        set status = 'PENDING', dead_reason = null, next_attempt_at = :now, give_up_at = :giveUpAt, cycle_attempts = 0,
                            updated_at = :now
                        where destination = :destination and status = 'DEAD' and (cast(:deadReason as text) is null or dead_reason = :deadReason)
                        """)
                .param("destination", destination).param("deadReason", deadReason == null ? null : deadReason.name())
                .param("now", at(now)).param("giveUpAt", at(giveUpAt)).update();
    }

    private static final String CLAIM = """
            with due as (
                select id, lease_token as prev_token, lease_owner as prev_owner, last_attempt_at as prev_at, attempts as prev_attempts
                from platform_delivery
                where destination = :destination and status = 'PENDING' and give_up_at > :now
                  and (lease_until is null or lease_until < :now) %s
                order by next_attempt_at
                limit :limit
                for update skip locked
            ), interrupted as (
                insert into platform_delivery_attempt (delivery_id, attempt, at, outcome, worker, error)
                select id, prev_attempts, coalesce(prev_at, :now), 'INTERRUPTED', prev_owner,
                       'The lease expired before an outcome was recorded: the sender stopped or lost the database.'
                from due where prev_token is not null
                on conflict do nothing
            )
            update platform_delivery d
            set lease_owner = :owner, lease_token = gen_random_uuid(), lease_until = :leaseUntil, attempts = d.attempts + 1,
                cycle_attempts = d.cycle_attempts + 1, last_attempt_at = :now, updated_at = :now
            from due
            where d.id = due.id
            returning d.id, d.destination, d.business_key, d.method, d.target, d.headers::text as headers, d.payload::text as payload,
                      d.lease_token, d.attempts, d.cycle_attempts, d.give_up_at
            """;

    /** Claims up to {@code limit} due rows of one destination, oldest due first, skipping rows another worker holds. */
    List<ClaimedDelivery> claimDue(String destination, int limit, String owner, Instant now, Instant leaseUntil) {
        return claim(CLAIM.formatted("and next_attempt_at <= :now"), destination, limit, owner, now, leaseUntil);
    }

    /** Claims the destination's earliest pending row whatever its backoff: the probe of an open circuit breaker. */
    Optional<ClaimedDelivery> claimProbe(String destination, String owner, Instant now, Instant leaseUntil) {
        return claim(CLAIM.formatted(""), destination, 1, owner, now, leaseUntil).stream().findFirst();
    }

    private List<ClaimedDelivery> claim(String sql, String destination, int limit, String owner, Instant now, Instant leaseUntil) {
        return jdbc.sql(sql)
                .param("destination", destination).param("limit", limit).param("owner", owner)
                .param("now", at(now)).param("leaseUntil", at(leaseUntil))
                .query((rs, row) -> new ClaimedDelivery(rs.getObject("id", UUID.class), rs.getString("destination"),
                        rs.getString("business_key"), rs.getString("method"), rs.getString("target"), headers(rs.getString("headers")),
                        rs.getString("payload"), rs.getObject("lease_token", UUID.class), rs.getInt("attempts"), rs.getInt("cycle_attempts"),
                        instant(rs, "give_up_at"), now, owner))
                .list();
    }

    /**
     * Writes outcomes with one statement: each row is updated only while it still carries the lease token it was claimed
     * with, and its attempt is logged only then. Returns the ids whose outcome was written; the others lost their lease.
     */
    Set<UUID> record(List<Outcome> outcomes, Instant now) {
        List<Map<String, Object>> rows = new ArrayList<>(outcomes.size());
        for (Outcome outcome : outcomes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", outcome.delivery().id().toString());
            row.put("token", outcome.delivery().leaseToken().toString());
            row.put("status", outcome.state().name());
            row.put("next_attempt_at", outcome.nextAttemptAt() == null ? null : outcome.nextAttemptAt().toString());
            row.put("status_code", outcome.statusCode());
            row.put("error", outcome.error());
            row.put("last_error", outcome.lastError());
            row.put("dead_reason", outcome.deadReason() == null ? null : outcome.deadReason().name());
            row.put("delivered_at", outcome.state() == DeliveryState.DELIVERED ? outcome.decidedAt().toString() : null);
            row.put("result_ref", outcome.resultRef());
            row.put("attempt", outcome.delivery().attempts());
            row.put("at", outcome.delivery().claimedAt().toString());
            row.put("latency_ms", outcome.latencyMs());
            row.put("outcome", outcome.attemptOutcome().name());
            row.put("excerpt", outcome.bodyExcerpt());
            row.put("worker", outcome.delivery().owner());
            rows.add(row);
        }
        List<UUID> written = jdbc.sql("""
                        with o as (
                            select * from jsonb_to_recordset(cast(:outcomes as jsonb)) as o(
                                id uuid, token uuid, status text, next_attempt_at timestamptz, status_code int, error text, last_error text,
                                dead_reason text, delivered_at timestamptz, result_ref text, attempt int, at timestamptz, latency_ms int,
                                outcome text, excerpt text, worker text)
                        ), updated as (
                            update platform_delivery d
                            set status = o.status, next_attempt_at = coalesce(o.next_attempt_at, d.next_attempt_at), lease_owner = null,
                                lease_token = null, lease_until = null, last_attempt_at = o.at, last_status_code = o.status_code,
                                last_error = o.last_error, dead_reason = o.dead_reason, delivered_at = o.delivered_at,
                                result_ref = o.result_ref, updated_at = :now
                            from o
                            where d.id = o.id and d.lease_token = o.token
                            returning d.id
                        ), logged as (
                            insert into platform_delivery_attempt (delivery_id, attempt, at, status_code, latency_ms, outcome, error, body_excerpt,
                                                                   worker)
                            select o.id, o.attempt, o.at, o.status_code, o.latency_ms, o.outcome, o.error, o.excerpt, o.worker
                            from o join updated u on u.id = o.id
                        )
                        select id from updated
                        """)
                .param("outcomes", json.writeValueAsString(rows)).param("now", at(now))
                .query(UUID.class).list();
        return new HashSet<>(written);
    }

    /**
     * Extends to {@code leaseUntil} the leases this worker still holds ({@code held}: delivery id to lease token), never
     * shortening one. A row whose token changed belongs to another worker now and is left alone; a row locked by the
     * transaction writing its outcome is skipped (its lease is about to be cleared). Returns the ids renewed.
     */
    Set<UUID> renewLeases(Map<UUID, UUID> held, Instant leaseUntil) {
        if (held.isEmpty()) {
            return Set.of();
        }
        List<Map<String, String>> rows = new ArrayList<>(held.size());
        held.forEach((id, token) -> rows.add(Map.of("id", id.toString(), "token", token.toString())));
        List<UUID> renewed = jdbc.sql("""
                        with held as (
                            select * from jsonb_to_recordset(cast(:held as jsonb)) as h(id uuid, token uuid)
                        ), mine as (
                            select d.id from platform_delivery d join held h on h.id = d.id and h.token = d.lease_token
                            where d.lease_until < :leaseUntil
                            for update of d skip locked
                        )
                        update platform_delivery d set lease_until = :leaseUntil
                        from mine
                        where d.id = mine.id
                        returning d.id
                        """)
                .param("held", json.writeValueAsString(rows)).param("leaseUntil", at(leaseUntil))
                .query(UUID.class).list();
        return new HashSet<>(renewed);
    }

    /** Makes every waiting row of the destination due now: the backlog drains as soon as its breaker closes. */
    int releaseBacklog(String destination, Instant now) {
        return jdbc.sql("""
                        update platform_delivery set next_attempt_at = :now, updated_at = :now
                        where destination = :destination and status = 'PENDING' and next_attempt_at > :now
                        """)
                .param("destination", destination).param("now", at(now)).update();
    }

    record Expired(UUID id, String destination, String businessKey, @Nullable Integer lastStatusCode, @Nullable String lastError, int attempts) {
    }

    /** PENDING rows past their give-up time and not held by a live lease become DEAD (EXPIRED), {@code limit} at a time. */
    List<Expired> expire(Instant now, int limit) {
        return jdbc.sql("""
                        with expired as (
                            select id from platform_delivery
                            where status = 'PENDING' and give_up_at <= :now and (lease_until is null or lease_until < :now)
                            order by give_up_at
                            limit :limit
                            for update skip locked
                        )
                        update platform_delivery d
                        set status = 'DEAD', dead_reason = 'EXPIRED', lease_owner = null, lease_token = null, lease_until = null, updated_at = :now
                        from expired
                        where d.id = expired.id
                        returning d.id, d.destination, d.business_key, d.last_status_code, d.last_error, d.attempts
                        """)
                .param("now", at(now)).param("limit", limit)
                .query((rs, row) -> new Expired(rs.getObject("id", UUID.class), rs.getString("destination"), rs.getString("business_key"),
                        integer(rs, "last_status_code"), rs.getString("last_error"), rs.getInt("attempts")))
                .list();
    }

    int purgeAttempts(Instant before) {
        return jdbc.sql("delete from platform_delivery_attempt where at < :before").param("before", at(before)).update();
    }

    record Backlog(String destination, DeliveryState state, long rows, Instant oldest, @Nullable Instant oldestDue) {
    }

    /**
     * Rows waiting and rows given up, per destination, with the creation time of the oldest and, for waiting rows, the
     * earliest due time of those due at {@code now} and not being sent.
     */
    List<Backlog> backlog(Instant now) {
        return jdbc.sql("""
                        select destination, status, count(*) as rows, min(created_at) as oldest,
                               min(next_attempt_at) filter (where status = 'PENDING' and next_attempt_at <= :now
                                                            and (lease_until is null or lease_until < :now)) as oldest_due
                        from platform_delivery where status in ('PENDING', 'DEAD') group by destination, status
                        """)
                .param("now", at(now))
                .query((rs, row) -> new Backlog(rs.getString("destination"), DeliveryState.valueOf(rs.getString("status")),
                        rs.getLong("rows"), instant(rs, "oldest"), nullableInstant(rs, "oldest_due")))
                .list();
    }

    private Delivery delivery(ResultSet rs, Instant now) throws SQLException {
        Instant leaseUntil = nullableInstant(rs, "lease_until");
        String deadReason = rs.getString("dead_reason");
        return new Delivery(rs.getObject("id", UUID.class), rs.getString("destination"), rs.getString("business_key"), rs.getString("method"),
                rs.getString("target"), headers(rs.getString("headers")), rs.getString("payload"), DeliveryState.valueOf(rs.getString("status")),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "give_up_at"), leaseUntil != null && leaseUntil.isAfter(now),
                nullableInstant(rs, "last_attempt_at"), integer(rs, "last_status_code"), rs.getString("last_error"),
                deadReason == null ? null : DeadReason.of(deadReason), nullableInstant(rs, "delivered_at"), rs.getString("result_ref"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private Map<String, String> headers(String text) {
        return json.readValue(text, HEADERS);
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
