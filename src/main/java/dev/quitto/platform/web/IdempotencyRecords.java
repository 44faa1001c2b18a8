package dev.quitto.platform.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code platform_idempotency} table: who holds which {@code Idempotency-Key}, and the response to replay.
 * Every statement runs on its own, outside any transaction of the request, so a claim is committed (and seen by
 * other instances) before the request it guards starts. Time comes from the injected clock.
 */
@Component
public class IdempotencyRecords {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final IdempotencySettings settings;

    IdempotencyRecords(JdbcClient jdbc, JsonMapper json, Clock clock, IdempotencySettings settings) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Deletes the records whose time to live has passed (completed or abandoned alike); returns how many.
     * Expired records are already ignored by every request, so this only keeps the table small.
     */
    public int purgeExpired() {
        return jdbc.sql("delete from platform_idempotency where expires_at <= :now")
                .param("now", at(clock.instant()))
                .update();
    }

    /**
     * Takes the key for {@code claim}: when nobody holds it, when its record expired, or when the same request
     * claimed it before and its lease ran out. True when this claim now holds the key.
     */
    boolean claim(Claim claim) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        insert into platform_idempotency as held
                            (scope, idem_key, request_sha256, state, claim_token, locked_until, created_at, expires_at)
                        values (:scope, :key, :fingerprint, 'IN_PROGRESS', :token, :lockedUntil, :now, :expiresAt)
                        on conflict (scope, idem_key) do update
                            set request_sha256 = excluded.request_sha256, state = 'IN_PROGRESS',
                                claim_token = excluded.claim_token, locked_until = excluded.locked_until,
                                response_status = null, response_headers = null, response_body = null,
                                created_at = excluded.created_at, expires_at = excluded.expires_at
                            where held.expires_at <= :now
                               or (held.state = 'IN_PROGRESS' and held.locked_until <= :now
                                   and held.request_sha256 = excluded.request_sha256)
                        """)
                .param("scope", claim.scope())
                .param("key", claim.key())
                .param("fingerprint", claim.fingerprint())
                .param("token", claim.token())
                .param("lockedUntil", at(now.plus(settings.lease())))
                .param("now", at(now))
                .param("expiresAt", at(now.plus(settings.ttl())))
                .update() == 1;
    }

    /** The live (unexpired) record of a key, if any. */
    Optional<KeyRecord> find(String scope, String key) {
        return jdbc.sql("""
                        select request_sha256, response_status, response_headers::text as response_headers, response_body
                        from platform_idempotency
                        where scope = :scope and idem_key = :key and expires_at > :now
                        """)
                .param("scope", scope)
                .param("key", key)
                .param("now", at(clock.instant()))
                .query(this::record)
                .optional();
    }

    /** Stores the response of a claimed request; false when the claim was lost (its lease ran out and was taken over). */
    boolean complete(Claim claim, StoredResponse response) {
        return jdbc.sql("""
                        update platform_idempotency
                        set state = 'COMPLETED', locked_until = null, response_status = :status,
                            response_headers = cast(:headers as jsonb), response_body = :body, expires_at = :expiresAt
                        where scope = :scope and idem_key = :key and claim_token = :token and state = 'IN_PROGRESS'
                        """)
                .param("status", response.status())
                .param("headers", json.writeValueAsString(response.headers()))
                .param("body", response.body())
                .param("expiresAt", at(clock.instant().plus(settings.ttl())))
                .param("scope", claim.scope())
                .param("key", claim.key())
                .param("token", claim.token())
                .update() == 1;
    }

    /** Gives the key up, so the client may retry; does nothing when the claim was already lost. */
    void release(Claim claim) {
        jdbc.sql("""
                        delete from platform_idempotency
                        where scope = :scope and idem_key = :key and claim_token = :token and state = 'IN_PROGRESS'
                        """)
                .param("scope", claim.scope())
                .param("key", claim.key())
                .param("token", claim.token())
                .update();
    }

    private KeyRecord record(ResultSet rs, int row) throws SQLException {
        String fingerprint = rs.getString("request_sha256");
        String headers = rs.getString("response_headers");
        if (headers == null) {
            return new KeyRecord(fingerprint, null);
        }
        return new KeyRecord(fingerprint, new StoredResponse(rs.getInt("response_status"), json.readValue(headers, HEADERS),
                rs.getBytes("response_body")));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One request's hold on a key: the caller's scope, the key, the request's SHA-256 and the holder's token. */
    record Claim(String scope, String key, String fingerprint, UUID token) {
    }

    /** A live record: the fingerprint of the request that claimed the key, and its response once it finished. */
    record KeyRecord(String fingerprint, @Nullable StoredResponse response) {
    }

    /** What a repeat gets back: status, the headers worth replaying, the body bytes as first sent. */
    record StoredResponse(int status, Map<String, String> headers, byte[] body) {

        StoredResponse {
            headers = Map.copyOf(headers);
        }
    }
}
