package dev.quitto.cashback;

import dev.quitto.platform.ids.IdGenerator;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.Refusal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rejection log (cashback.md 4.7): every request on a sale path refused with a 4xx other than 401/403, with its
 * body (at most 64 KiB), code and detail, kept for {@code quitto.cashback.rejection-retention}.
 */
@Service
class Rejections {

    static final int MAX_BODY = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final JsonMapper json;
    private final Clock clock;

    Rejections(JdbcClient jdbc, IdGenerator ids, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
    }

    /** Stores the refusal; a failure to store it is logged, never hides the refusal itself. */
    @Transactional
    public void record(CurrentUser caller, String path, @Nullable String idempotencyKey, @Nullable String body, Refusal refusal) {
        try {
            String errors = refusal instanceof InvalidInput invalid ? json.writeValueAsString(invalid.violations()) : null;
            jdbc.sql("""
                            insert into cashback_rejection (id, client_id, client_user_id, received_at, path, idem_key, body, status, code, detail, errors)
                            values (:id, :client, :clientUser, :at, :path, :key, :body, :status, :code, :detail, cast(:errors as jsonb))
                            """)
                    .param("id", ids.newId()).param("client", caller.login()).param("clientUser", caller.id())
                    .param("at", Timestamp.from(clock.instant())).param("path", SaleRepository.clip(path, 200))
                    .param("key", idempotencyKey == null ? null : SaleRepository.clip(idempotencyKey, 255))
                    .param("body", body == null ? null : SaleRepository.clip(body.replace("\u0000", ""), MAX_BODY))
                    .param("status", refusal.status().value()).param("code", refusal.code()).param("detail", refusal.getMessage())
                    .param("errors", errors).update();
        } catch (RuntimeException failure) {
            log.warn("cashback_rejection_unrecorded path={} code={}: {}", path, refusal.code(), failure.toString());
        }
    }

    @Transactional(readOnly = true)
    public List<Rejection> list(Instant from, Instant to, @Nullable String clientId, int limit, long offset) {
        return jdbc.sql("""
                        select id, client_id, received_at, path, idem_key, body, status, code, detail, errors from cashback_rejection
                        where received_at >= :from and received_at < :to and (cast(:client as varchar) is null or client_id = :client)
                        order by received_at desc, id desc limit :limit offset :offset
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("client", clientId)
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Rejection(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getString(9), rs.getString(10)))
                .list();
    }

    @Transactional(readOnly = true)
    public long count(Instant from, Instant to, @Nullable String clientId) {
        return jdbc.sql("""
                        select count(*) from cashback_rejection
                        where received_at >= :from and received_at < :to and (cast(:client as varchar) is null or client_id = :client)
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("client", clientId).query(Long.class).single();
    }

    record Rejection(UUID id, @Nullable String clientId, Instant receivedAt, String path, @Nullable String idempotencyKey, @Nullable String body,
                     int status, String code, @Nullable String detail, @Nullable String errors) {
    }
}
