package dev.quitto.cashback;

import dev.quitto.platform.time.BusinessTime;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sales, their lines, events and fingerprints. Reads join the sale's platform delivery (destination
 * {@code cashback-provider}, key {@code cashback-sale:{id}}) for its attempt count and due time.
 */
@Repository
class SaleRepository {

    static final String KEY_PREFIX = "cashback-sale:";

    private static final String SELECT = """
            select s.id, s.client_id, s.client_user_id, s.received_at, s.sold_at, s.document, s.customer_name, s.total, s.cashback,
                   s.cashback_exact, v.version as rate_version, s.status, s.provider_id, s.provider_message, s.provider_created_at,
                   s.delivered_at, s.echo_mismatch, s.last_error, coalesce(d.attempts, 0) as attempts, coalesce(d.cycle_attempts, 0) as cycle_attempts,
                   case when d.status = 'PENDING' then d.next_attempt_at end as next_attempt_at
            from cashback_sale s
            join cashback_rate_version v on v.id = s.rate_version_id
            left join platform_delivery d on d.destination = 'cashback-provider' and d.business_key = 'cashback-sale:' || s.id
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    SaleRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Claims the fingerprint with a new sale id (from the sale's identity sequence): the id when the fingerprint was
     * free or expired; empty when a live claim exists (a concurrent claim is waited for, then seen).
     */
    OptionalLong claimFingerprint(long clientUserId, String fingerprint, Instant now, Instant expiresAt) {
        return jdbc.sql("""
                        insert into cashback_fingerprint (client_user_id, fingerprint, sale_id, expires_at)
                        values (:client, :fp, nextval(pg_get_serial_sequence('cashback_sale', 'id')), :expires)
                        on conflict (client_user_id, fingerprint) do update set sale_id = excluded.sale_id, expires_at = excluded.expires_at
                        where cashback_fingerprint.expires_at <= :now
                        returning sale_id
                        """)
                .param("client", clientUserId).param("fp", fingerprint).param("expires", Timestamp.from(expiresAt))
                .param("now", Timestamp.from(now)).query(Long.class).optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    OptionalLong fingerprintOwner(long clientUserId, String fingerprint) {
        return jdbc.sql("select sale_id from cashback_fingerprint where client_user_id = :client and fingerprint = :fp")
                .param("client", clientUserId).param("fp", fingerprint).query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    void insert(long id, String clientId, long clientUserId, Instant receivedAt, SaleRequest sale, BigDecimal cashback, BigDecimal exact,
                SaleStatus status, String fingerprint) {
        jdbc.sql("""
                        insert into cashback_sale (id, client_id, client_user_id, received_at, sold_at, sold_at_raw, document, customer_name,
                                                   total, cashback, cashback_exact, rate_version_id, status, fingerprint, request_body)
                        values (:id, :client, :clientUser, :received, :sold, :soldRaw, :document, :name, :total, :cashback, :exact,
                                :rateVersion, :status, :fp, cast(:body as jsonb))
                        """)
                .param("id", id).param("client", clientId).param("clientUser", clientUserId).param("received", Timestamp.from(receivedAt))
                .param("sold", Timestamp.from(sale.soldAt())).param("soldRaw", clip(sale.soldAtRaw(), 100)).param("document", sale.document())
                .param("name", sale.customerName()).param("total", sale.total()).param("cashback", cashback).param("exact", exact)
                .param("rateVersion", sale.rates().id()).param("status", status.name()).param("fp", fingerprint).param("body", sale.body())
                .update();
        template.batchUpdate("""
                        insert into cashback_sale_item (sale_id, line_no, product_type, unit_value, qty, rate_percent, cashback_exact)
                        values (?, ?, ?, ?, ?, ?, ?)
                        """, sale.lines(), sale.lines().size(), (ps, line) -> {
                    ps.setLong(1, id);
                    ps.setInt(2, line.lineNo());
                    ps.setString(3, line.type());
                    ps.setBigDecimal(4, line.value());
                    ps.setInt(5, line.qty());
                    ps.setBigDecimal(6, line.ratePercent());
                    ps.setBigDecimal(7, line.cashbackExact());
                });
    }

    Optional<Sale> find(long id, @Nullable Long clientUserId) {
        List<Sale> found = jdbc.sql(SELECT + " where s.id = :id and (cast(:client as bigint) is null or s.client_user_id = :client)")
                .param("id", id).param("client", clientUserId).query(SaleRepository::sale).list();
        return withItems(found).stream().findFirst();
    }

    List<Sale> list(SaleFilter filter, @Nullable Long clientUserId, int limit, long offset) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, clientUserId, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return withItems(jdbc.sql(SELECT + where + " order by s.received_at desc, s.id desc limit :limit offset :offset")
                .params(params).query(SaleRepository::sale).list());
    }

    long count(SaleFilter filter, @Nullable Long clientUserId) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, clientUserId, params);
        return jdbc.sql("""
                        select count(*) from cashback_sale s
                        left join platform_delivery d on d.destination = 'cashback-provider' and d.business_key = 'cashback-sale:' || s.id
                        """ + where).params(params).query(Long.class).single();
    }

    private static String where(SaleFilter filter, @Nullable Long clientUserId, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (clientUserId != null) {
            clauses.add("s.client_user_id = :clientUser");
            params.put("clientUser", clientUserId);
        }
        if (!filter.statuses().isEmpty()) {
            List<String> either = new ArrayList<>();
            for (SaleStatus status : filter.statuses()) {
                either.add(switch (status) {
                    case PENDING -> "(s.status = 'PENDING' and coalesce(d.cycle_attempts, 0) = 0)";
                    case RETRYING -> "(s.status = 'PENDING' and d.cycle_attempts > 0)";
                    default -> "s.status = '" + status.name() + "'";
                });
            }
            clauses.add("(" + String.join(" or ", either) + ")");
        }
        if (filter.from() != null) {
            clauses.add("s.sold_at >= :from");
            params.put("from", Timestamp.from(filter.from().atStartOfDay(BusinessTime.ZONE).toInstant()));
        }
        if (filter.to() != null) {
            clauses.add("s.sold_at < :to");
            params.put("to", Timestamp.from(filter.to().plusDays(1).atStartOfDay(BusinessTime.ZONE).toInstant()));
        }
        if (filter.document() != null) {
            clauses.add("s.document = :document");
            params.put("document", filter.document());
        }
        if (filter.clientId() != null) {
            clauses.add("s.client_id = :clientId");
            params.put("clientId", filter.clientId());
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private List<Sale> withItems(List<Sale> sales) {
        if (sales.isEmpty()) {
            return sales;
        }
        Map<Long, List<Sale.Item>> items = new HashMap<>();
        jdbc.sql("""
                        select sale_id, line_no, product_type, unit_value, qty, rate_percent, cashback_exact
                        from cashback_sale_item where sale_id in (:ids) order by sale_id, line_no
                        """)
                .param("ids", sales.stream().map(Sale::id).toList())
                .query((rs, n) -> items.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Sale.Item(rs.getInt(2), rs.getString(3),
                        rs.getBigDecimal(4), rs.getInt(5), rs.getBigDecimal(6), rs.getBigDecimal(7))))
                .list();
        return sales.stream().map(sale -> sale.withItems(items.getOrDefault(sale.id(), List.of()))).toList();
    }

    /** PENDING → DELIVERED with the provider's answer; false when the sale was not PENDING. */
    boolean markDelivered(long id, @Nullable String providerId, @Nullable String message, @Nullable Instant providerCreatedAt, Instant at,
                          boolean echoMismatch) {
        return jdbc.sql("""
                        update cashback_sale set status = 'DELIVERED', provider_id = :pid, provider_message = :message,
                               provider_created_at = :created, delivered_at = :at, echo_mismatch = :echo, last_error = null, version = version + 1
                        where id = :id and status = 'PENDING'
                        """)
                .param("id", id).param("pid", providerId).param("message", message)
                .param("created", providerCreatedAt == null ? null : Timestamp.from(providerCreatedAt)).param("at", Timestamp.from(at))
                .param("echo", echoMismatch).update() == 1;
    }

    /** PENDING → FAILED; false when the sale was not PENDING. */
    boolean markFailed(long id, @Nullable String lastError) {
        return jdbc.sql("update cashback_sale set status = 'FAILED', last_error = :error, version = version + 1 where id = :id and status = 'PENDING'")
                .param("id", id).param("error", lastError == null ? null : clip(lastError, 1000)).update() == 1;
    }

    /** FAILED → PENDING for a manual retry; false when the sale was not FAILED. */
    boolean markRetried(long id) {
        return jdbc.sql("update cashback_sale set status = 'PENDING', version = version + 1 where id = :id and status = 'FAILED'")
                .param("id", id).update() == 1;
    }

    void insertEvent(UUID eventId, long saleId, Instant at, String type, @Nullable String actor, @Nullable String detail) {
        jdbc.sql("insert into cashback_sale_event (id, sale_id, at, type, actor, detail) values (:id, :sale, :at, :type, :actor, :detail)")
                .param("id", eventId).param("sale", saleId).param("at", Timestamp.from(at)).param("type", type).param("actor", actor)
                .param("detail", detail).update();
    }

    List<SaleEvent> events(long saleId) {
        return jdbc.sql("select type, at, actor, detail from cashback_sale_event where sale_id = :sale order by at, id")
                .param("sale", saleId)
                .query((rs, n) -> new SaleEvent(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4))).list();
    }

    /** Counts and sums by business day (of {@code soldAt} or {@code receivedAt}) and stored status. */
    List<DayStatus> reconciliation(String basisColumn, Instant from, Instant to, @Nullable String clientId) {
        return jdbc.sql("""
                        select cast(s.%1$s at time zone 'America/Sao_Paulo' as date) as day, s.status, count(*), sum(s.total), sum(s.cashback)
                        from cashback_sale s
                        where s.%1$s >= :from and s.%1$s < :to and (cast(:client as varchar) is null or s.client_id = :client)
                        group by 1, 2 order by 1, 2
                        """.formatted(basisColumn))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("client", clientId)
                .query((rs, n) -> new DayStatus(rs.getObject(1, java.time.LocalDate.class), rs.getString(2), rs.getLong(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5))).list();
    }

    Map<java.time.LocalDate, Long> rejectionsByDay(Instant from, Instant to, @Nullable String clientId) {
        return jdbc.sql("""
                        select cast(received_at at time zone 'America/Sao_Paulo' as date), count(*) from cashback_rejection
                        where received_at >= :from and received_at < :to and (cast(:client as varchar) is null or client_id = :client)
                        group by 1
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("client", clientId)
                .query((rs, n) -> Map.entry(rs.getObject(1, java.time.LocalDate.class), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, LinkedHashMap::new));
    }

    private static Sale sale(ResultSet rs, int n) throws SQLException {
        return new Sale(rs.getLong("id"), rs.getString("client_id"), rs.getLong("client_user_id"), instant(rs, "received_at"),
                instant(rs, "sold_at"), rs.getString("document"), rs.getString("customer_name"), rs.getBigDecimal("total"),
                rs.getBigDecimal("cashback"), rs.getBigDecimal("cashback_exact"), rs.getInt("rate_version"), status(rs),
                rs.getString("provider_id"), rs.getString("provider_message"), instant(rs, "provider_created_at"), instant(rs, "delivered_at"),
                rs.getBoolean("echo_mismatch"), rs.getString("last_error"), rs.getInt("attempts"), instant(rs, "next_attempt_at"), List.of());
    }

    /** A PENDING sale whose delivery was attempted in its current cycle is RETRYING. */
    private static SaleStatus status(ResultSet rs) throws SQLException {
        SaleStatus stored = SaleStatus.valueOf(rs.getString("status"));
        return stored == SaleStatus.PENDING && rs.getInt("cycle_attempts") > 0 ? SaleStatus.RETRYING : stored;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    record SaleEvent(String type, Instant at, @Nullable String actor, @Nullable String detail) {
    }

    record DayStatus(java.time.LocalDate day, String status, long count, BigDecimal total, BigDecimal cashback) {
    }
}
