package dev.quitto.cashback;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rate versions ({@code cashback_rate_version}, {@code cashback_rate}); rows are only ever inserted. */
@Repository
class RateRepository {

    private final JdbcClient jdbc;

    RateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RateVersion> current() {
        return versions("where v.version = (select max(version) from cashback_rate_version)", Map.of()).stream().findFirst();
    }

    Optional<RateVersion> byId(long id) {
        return versions("where v.id = :id", Map.of("id", id)).stream().findFirst();
    }

    List<RateVersion> all() {
        return versions("", Map.of());
    }

    /** Serialises writers of new versions (a transaction-scoped advisory lock). */
    void lockVersions() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('cashback_rate_version'))").query().singleRow();
    }

    RateVersion insert(int version, Instant at, String by, @Nullable String note, Map<String, BigDecimal> rates) {
        long id = jdbc.sql("insert into cashback_rate_version (version, created_at, created_by, note) values (:v, :at, :by, :note) returning id")
                .param("v", version).param("at", Timestamp.from(at)).param("by", by).param("note", note).query(Long.class).single();
        rates.forEach((type, percent) -> jdbc.sql("insert into cashback_rate (version_id, product_type, percent) values (:id, :type, :percent)")
                .param("id", id).param("type", type).param("percent", percent).update());
        return new RateVersion(id, version, at, by, note, rates);
    }

    private List<RateVersion> versions(String where, Map<String, Object> params) {
        Map<Long, RateVersion> versions = new LinkedHashMap<>();
        Map<Long, Map<String, BigDecimal>> rates = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();
        jdbc.sql("""
                        select v.id, v.version, v.created_at, v.created_by, v.note, r.product_type, r.percent
                        from cashback_rate_version v left join cashback_rate r on r.version_id = v.id
                        """ + where + " order by v.version desc, r.product_type")
                .params(params)
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    rates.computeIfAbsent(id, k -> new LinkedHashMap<>());
                    if (rs.getString(6) != null) {
                        rates.get(id).put(rs.getString(6), rs.getBigDecimal(7));
                    }
                    rows.add(new Object[]{id, rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)});
                    return id;
                }).list();
        for (Object[] row : rows) {
            long id = (Long) row[0];
            versions.computeIfAbsent(id, k -> new RateVersion(id, (Integer) row[1], (Instant) row[2], (String) row[3], (String) row[4], rates.get(id)));
        }
        return List.copyOf(versions.values());
    }
}
