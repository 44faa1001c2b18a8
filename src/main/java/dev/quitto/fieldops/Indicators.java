package dev.quitto.fieldops;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The indicators of spec 4.4 and 4.5, read from the aggregates the visit writes keep in step (so the next read
 * after any write sees it): SLA per angel or polo over a deadline period, productivity per angel or polo over a
 * visit-date period. Filters a cell cannot answer (client, visit dates for SLA, status) fall back to the visits.
 */
@Service
class Indicators {

    enum By {
        ANGEL("angel_id", "fieldops_angel"), POLO("polo_id", "fieldops_polo");

        final String column;
        final String table;

        By(String column, String table) {
            this.column = column;
            this.table = table;
        }
    }

    enum Sort { NAME, SLA, VISITED, PRODUCTIVITY }

    record Order(Sort sort, boolean descending) {
    }

    record SlaCounts(long onTime, long late, long overdue, long pending) {
        long visited() {
            return onTime + late;
        }

        /** {@code onTime / (onTime + late [+ overdue]) x 100}, 2 decimals HALF_UP; null when the denominator is 0. */
        @Nullable BigDecimal sla(boolean includeOverdue) {
            return percentage(onTime, onTime + late + (includeOverdue ? overdue : 0));
        }
    }

    record SlaItem(long id, String name, SlaCounts counts) {
    }

    record SlaResult(SlaCounts totals, List<SlaItem> items, long totalItems) {
    }

    record ProductivityItem(long id, String name, long visits, long activeDays) {
    }

    record ProductivityResult(long visits, long withVisits, List<ProductivityItem> items, long totalItems) {
    }

    private final JdbcClient jdbc;

    Indicators(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static @Nullable BigDecimal percentage(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** {@code visits / businessDays}, 4 decimals HALF_UP; null without business days. */
    static @Nullable BigDecimal productivity(long visits, long businessDays) {
        if (businessDays == 0) {
            return null;
        }
        return BigDecimal.valueOf(visits).divide(BigDecimal.valueOf(businessDays), 4, RoundingMode.HALF_UP);
    }

    /** SLA per group of visits whose deadline is in the filter's deadline range. */
    @Transactional(readOnly = true)
    SlaResult sla(By by, VisitFilter filter, boolean includeOverdue, Order order, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", filter.asOf());
        String counts = slaCounts(by, filter, params);
        String denominator = "(c.on_time + c.late" + (includeOverdue ? " + c.overdue" : "") + ")";
        String orderBy = switch (order.sort()) {
            case SLA -> "case when " + denominator + " = 0 then null else round(c.on_time * 100.0 / " + denominator + ", 2) end"
                    + (order.descending() ? " desc" : "") + " nulls last, ";
            case VISITED, PRODUCTIVITY -> "(c.on_time + c.late)" + (order.descending() ? " desc" : "") + ", ";
            case NAME -> "";
        } + "g.name collate \"C\"" + (order.sort() == Sort.NAME && order.descending() ? " desc" : "") + ", g.id";
        String sql = "with c as (" + counts + ") "
                + "select g.id, g.name, c.on_time, c.late, c.overdue, c.pending, count(*) over () as total_items, "
                + "sum(c.on_time) over () as t_on_time, sum(c.late) over () as t_late, sum(c.overdue) over () as t_overdue, "
                + "sum(c.pending) over () as t_pending from c join " + by.table + " g on g.id = c.group_id "
                + "where c.on_time + c.late + c.overdue + c.pending > 0 order by " + orderBy + " limit :limit offset :offset";
        params.put("limit", limit);
        params.put("offset", offset);
        List<SlaItem> items = new ArrayList<>();
        long[] totals = new long[5];
        jdbc.sql(sql).params(params).query(rs -> {
            items.add(new SlaItem(rs.getLong("id"), rs.getString("name"),
                    new SlaCounts(rs.getLong("on_time"), rs.getLong("late"), rs.getLong("overdue"), rs.getLong("pending"))));
            totals[0] = rs.getLong("total_items");
            totals[1] = rs.getLong("t_on_time");
            totals[2] = rs.getLong("t_late");
            totals[3] = rs.getLong("t_overdue");
            totals[4] = rs.getLong("t_pending");
        });
        if (items.isEmpty() && offset > 0) {
            jdbc.sql("with c as (" + counts + ") select count(*) as n, coalesce(sum(on_time), 0) as on_time, coalesce(sum(late), 0) as late, "
                    + "coalesce(sum(overdue), 0) as overdue, coalesce(sum(pending), 0) as pending from c "
                    + "where c.on_time + c.late + c.overdue + c.pending > 0").params(params).query(rs -> {
                totals[0] = rs.getLong("n");
                totals[1] = rs.getLong("on_time");
                totals[2] = rs.getLong("late");
                totals[3] = rs.getLong("overdue");
                totals[4] = rs.getLong("pending");
            });
        }
        return new SlaResult(new SlaCounts(totals[1], totals[2], totals[3], totals[4]), items, totals[0]);
    }

    /** Per group: {@code group_id, on_time, late, overdue, pending}, from the cheapest source that can answer. */
    private static String slaCounts(By by, VisitFilter filter, Map<String, Object> params) {
        String dimensions = dimensionConditions(filter, params, "x");
        boolean unbounded = filter.deadlineFrom() == null && filter.deadlineTo() == null;
        if (filter.onlyDimensions() || (filter.clientId() == null && filter.visitFrom() == null && filter.visitTo() == null
                && filter.statuses().isEmpty())) {
            if (unbounded) {
                // Totals per cell, with the unvisited ones split at asOf by the (small) set of pending cells.
                return "select x." + by.column + " as group_id, sum(x.on_time) as on_time, sum(x.late) as late, "
                        + "sum(x.unvisited) - coalesce(sum(pd.pending), 0) as overdue, coalesce(sum(pd.pending), 0) as pending "
                        + "from fieldops_sla_total x " + dimensionJoins(filter, "x")
                        + "left join (select angel_id, polo_id, sum(unvisited) as pending from fieldops_sla_day "
                        + "where unvisited > 0 and deadline >= :asOf group by angel_id, polo_id) pd "
                        + "on pd.angel_id = x.angel_id and pd.polo_id = x.polo_id"
                        + dimensions + " group by x." + by.column;
            }
            List<String> range = new ArrayList<>();
            if (filter.deadlineFrom() != null) {
                range.add("x.deadline >= :deadlineFrom");
                params.put("deadlineFrom", filter.deadlineFrom());
            }
            if (filter.deadlineTo() != null) {
                range.add("x.deadline <= :deadlineTo");
                params.put("deadlineTo", filter.deadlineTo());
            }
            String where = dimensions.isEmpty() ? " where " + String.join(" and ", range) : dimensions + " and " + String.join(" and ", range);
            return "select x." + by.column + " as group_id, sum(x.on_time) as on_time, sum(x.late) as late, "
                    + "coalesce(sum(x.unvisited) filter (where x.deadline < :asOf), 0) as overdue, "
                    + "coalesce(sum(x.unvisited) filter (where x.deadline >= :asOf), 0) as pending "
                    + "from fieldops_sla_day x " + dimensionJoins(filter, "x") + where + " group by x." + by.column;
        }
        VisitRepository.Where where = VisitRepository.where(filter);
        params.putAll(where.params());
        return "select v." + by.column + " as group_id, count(*) filter (where v.visit_date <= v.deadline) as on_time, "
                + "count(*) filter (where v.visit_date > v.deadline) as late, "
                + "count(*) filter (where v.visit_date is null and v.deadline < :asOf) as overdue, "
                + "count(*) filter (where v.visit_date is null and v.deadline >= :asOf) as pending "
                + "from fieldops_visit v join fieldops_angel a on a.id = v.angel_id join fieldops_polo p on p.id = v.polo_id"
                + where.sql() + " group by v." + by.column;
    }

    private static String dimensionJoins(VisitFilter filter, String alias) {
        String joins = "";
        if (filter.angelKey() != null) {
            joins += "join fieldops_angel fa on fa.id = " + alias + ".angel_id ";
        }
        if (filter.poloKey() != null || filter.uf() != null) {
            joins += "join fieldops_polo fp on fp.id = " + alias + ".polo_id ";
        }
        return joins;
    }

    private static String dimensionConditions(VisitFilter filter, Map<String, Object> params, String alias) {
        List<String> conditions = new ArrayList<>();
        if (filter.angelKey() != null) {
            conditions.add("fa.name_key = :angelKey");
            params.put("angelKey", filter.angelKey());
        }
        if (filter.angelId() != null) {
            conditions.add(alias + ".angel_id = :angelId");
            params.put("angelId", filter.angelId());
        }
        if (filter.poloKey() != null) {
            conditions.add("fp.name_key = :poloKey");
            params.put("poloKey", filter.poloKey());
        }
        if (filter.poloId() != null) {
            conditions.add(alias + ".polo_id = :poloId");
            params.put("poloId", filter.poloId());
        }
        if (filter.uf() != null) {
            conditions.add("fp.uf = :uf");
            params.put("uf", filter.uf());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** The earliest and latest visit dates in the data (the latest not after {@code today}); null without visits. */
    @Transactional(readOnly = true)
    LocalDate @Nullable [] visitDateRange(LocalDate today) {
        LocalDate[] range = new LocalDate[2];
        jdbc.sql("select min(visit_date) as first, max(visit_date) as last from fieldops_visit_day where visits > 0").query(rs -> {
            range[0] = rs.getObject("first", LocalDate.class);
            range[1] = rs.getObject("last", LocalDate.class);
        });
        if (range[0] == null || range[1] == null) {
            return null;
        }
        if (range[1].isAfter(today)) {
            range[1] = today;
        }
        return range;
    }

    /**
     * Visits per group with a visit date in the filter's visit range (whatever the deadline), with the distinct
     * visit dates; groups with at least one visit, or the angel an explicit angel filter names even without visits.
     */
    @Transactional(readOnly = true)
    ProductivityResult productivity(By by, VisitFilter filter, Order order, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("visitFrom", filter.visitFrom());
        params.put("visitTo", filter.visitTo());
        String counts;
        if (filter.clientId() == null && filter.deadlineFrom() == null && filter.deadlineTo() == null && filter.statuses().isEmpty()) {
            String dimensions = dimensionConditions(filter, params, "x");
            String range = "x.visit_date >= :visitFrom and x.visit_date <= :visitTo and x.visits <> 0";
            // Per group and date first (a hash aggregate), so that active days are a plain count rather than a sorted distinct.
            counts = "select group_id, sum(visits) as visits, count(*) as active_days from (select x." + by.column
                    + " as group_id, x.visit_date, sum(x.visits) as visits from fieldops_visit_day x " + dimensionJoins(filter, "x")
                    + (dimensions.isEmpty() ? " where " + range : dimensions + " and " + range) + " group by x." + by.column
                    + ", x.visit_date) per_day group by group_id";
        } else {
            VisitRepository.Where where = VisitRepository.where(filter);
            params.putAll(where.params());
            counts = "select v." + by.column + " as group_id, count(*) as visits, count(distinct v.visit_date) as active_days "
                    + "from fieldops_visit v join fieldops_angel a on a.id = v.angel_id join fieldops_polo p on p.id = v.polo_id"
                    + where.sql() + (where.sql().isEmpty() ? " where " : " and ") + "v.visit_date is not null group by v." + by.column;
        }
        boolean namedAngel = by == By.ANGEL && (filter.angelKey() != null || filter.angelId() != null);
        String from;
        if (namedAngel) {
            List<String> names = new ArrayList<>();
            if (filter.angelKey() != null) {
                names.add("g.name_key = :angelKey");
                params.put("angelKey", filter.angelKey());
            }
            if (filter.angelId() != null) {
                names.add("g.id = :angelId");
                params.put("angelId", filter.angelId());
            }
            from = "fieldops_angel g left join c on c.group_id = g.id where " + String.join(" and ", names);
        } else {
            from = "c join " + by.table + " g on g.id = c.group_id where c.visits > 0";
        }
        String orderBy = switch (order.sort()) {
            case PRODUCTIVITY, VISITED, SLA -> "coalesce(c.visits, 0)" + (order.descending() ? " desc" : "") + ", ";
            case NAME -> "";
        } + "g.name collate \"C\"" + (order.sort() == Sort.NAME && order.descending() ? " desc" : "") + ", g.id";
        params.put("limit", limit);
        params.put("offset", offset);
        List<ProductivityItem> items = new ArrayList<>();
        long[] totals = new long[3];
        String totalsSql = "count(*) over () as total_items, coalesce(sum(c.visits) over (), 0) as t_visits, "
                + "count(c.group_id) filter (where c.visits > 0) over () as t_with";
        jdbc.sql("with c as (" + counts + ") select g.id, g.name, coalesce(c.visits, 0) as visits, coalesce(c.active_days, 0) as active_days, "
                + totalsSql + " from " + from + " order by " + orderBy + " limit :limit offset :offset").params(params).query(rs -> {
            items.add(new ProductivityItem(rs.getLong("id"), rs.getString("name"), rs.getLong("visits"), rs.getLong("active_days")));
            totals[0] = rs.getLong("total_items");
            totals[1] = rs.getLong("t_visits");
            totals[2] = rs.getLong("t_with");
        });
        if (items.isEmpty() && offset > 0) {
            jdbc.sql("with c as (" + counts + ") select count(*) as total_items, coalesce(sum(c.visits), 0) as t_visits, "
                    + "count(c.group_id) filter (where c.visits > 0) as t_with from " + from).params(params).query(rs -> {
                totals[0] = rs.getLong("total_items");
                totals[1] = rs.getLong("t_visits");
                totals[2] = rs.getLong("t_with");
            });
        }
        return new ProductivityResult(totals[1], totals[2], items, totals[0]);
    }
}
