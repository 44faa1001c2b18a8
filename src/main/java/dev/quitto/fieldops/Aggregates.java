package dev.quitto.fieldops;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code fieldops_sla_day}, {@code fieldops_sla_total} and {@code fieldops_visit_day} equal to what
 * {@code fieldops_visit} says, in the transaction of every visit write (spec 5): the caller hands over the old
 * contributions of the visits it changes with sign -1 and the new ones with sign +1; cells are moved in key order.
 */
@Component
class Aggregates {

    private final JdbcClient jdbc;

    Aggregates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code deltas} selects {@code angel_id, polo_id, deadline, visit_date, sign}, possibly with named parameters. */
    void apply(String deltas, Map<String, ?> params) {
        String source = "with d (angel_id, polo_id, deadline, visit_date, sign) as (" + deltas + ") ";
        jdbc.sql(source + """
                insert into fieldops_sla_day as t (angel_id, polo_id, deadline, on_time, late, unvisited)
                select angel_id, polo_id, deadline,
                       coalesce(sum(sign) filter (where visit_date <= deadline), 0),
                       coalesce(sum(sign) filter (where visit_date > deadline), 0),
                       coalesce(sum(sign) filter (where visit_date is null), 0)
                from d group by angel_id, polo_id, deadline order by angel_id, polo_id, deadline
                on conflict (angel_id, polo_id, deadline) do update set on_time = t.on_time + excluded.on_time,
                    late = t.late + excluded.late, unvisited = t.unvisited + excluded.unvisited""").params(params).update();
        jdbc.sql(source + """
                insert into fieldops_sla_total as t (angel_id, polo_id, on_time, late, unvisited)
                select angel_id, polo_id,
                       coalesce(sum(sign) filter (where visit_date <= deadline), 0),
                       coalesce(sum(sign) filter (where visit_date > deadline), 0),
                       coalesce(sum(sign) filter (where visit_date is null), 0)
                from d group by angel_id, polo_id order by angel_id, polo_id
                on conflict (angel_id, polo_id) do update set on_time = t.on_time + excluded.on_time,
                    late = t.late + excluded.late, unvisited = t.unvisited + excluded.unvisited""").params(params).update();
        jdbc.sql(source + """
                insert into fieldops_visit_day as t (angel_id, polo_id, visit_date, visits)
                select angel_id, polo_id, visit_date, sum(sign)
                from d where visit_date is not null group by angel_id, polo_id, visit_date order by angel_id, polo_id, visit_date
                on conflict (angel_id, polo_id, visit_date) do update set visits = t.visits + excluded.visits""").params(params).update();
    }

    /**
     * Every cell again from the visits themselves: for an import that at least doubles the visits (under its lock on
     * them), one grouped insert per table is cheaper than a million signed upserts. Rows go in primary-key order, so
     * the key's index grows at its right edge.
     */
    void rebuildAll() {
        jdbc.sql("delete from fieldops_sla_day").update();
        jdbc.sql("delete from fieldops_sla_total").update();
        jdbc.sql("delete from fieldops_visit_day").update();
        jdbc.sql("""
                insert into fieldops_sla_day (angel_id, polo_id, deadline, on_time, late, unvisited)
                select angel_id, polo_id, deadline, count(*) filter (where visit_date <= deadline), count(*) filter (where visit_date > deadline),
                       count(*) filter (where visit_date is null)
                from fieldops_visit group by angel_id, polo_id, deadline order by angel_id, polo_id, deadline""").update();
        jdbc.sql("""
                insert into fieldops_sla_total (angel_id, polo_id, on_time, late, unvisited)
                select angel_id, polo_id, sum(on_time), sum(late), sum(unvisited) from fieldops_sla_day group by angel_id, polo_id""").update();
        jdbc.sql("""
                insert into fieldops_visit_day (angel_id, polo_id, visit_date, visits)
                select angel_id, polo_id, visit_date, count(*) from fieldops_visit where visit_date is not null
                group by angel_id, polo_id, visit_date order by angel_id, polo_id, visit_date""").update();
    }
}
