package dev.quitto.platform.imports.internal;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The indexes of some tables other than their primary keys, as the statements that build them again: a unique or
 * exclusion constraint as {@code ALTER TABLE … ADD CONSTRAINT}, any other index as its {@code CREATE INDEX}.
 */
record SecondaryIndexes(JdbcClient jdbc, List<Index> indexes) {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecondaryIndexes.class);

    record Index(String table, String name, boolean constraint, String definition) {

        String dropStatement() {
            return constraint ? "alter table " + table + " drop constraint " + name : "drop index " + name;
        }

        String buildStatement() {
            return constraint ? "alter table " + table + " add constraint " + name + " " + definition : definition;
        }
    }

    static SecondaryIndexes of(JdbcClient jdbc, List<String> tables) {
        List<Index> indexes = jdbc.sql("""
                        select t.relname as table_name, i.relname as index_name, c.conname is not null as is_constraint,
                               coalesce(pg_get_constraintdef(c.oid), pg_get_indexdef(x.indexrelid)) as definition
                        from pg_index x
                        join pg_class i on i.oid = x.indexrelid
                        join pg_class t on t.oid = x.indrelid
                        left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid
                        where t.relname in (:tables) and t.relnamespace = current_schema()::regnamespace and not x.indisprimary
                        order by t.relname, i.relname
                        """)
                .param("tables", tables)
                .query((rs, n) -> new Index(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)))
                .list();
        return new SecondaryIndexes(jdbc, indexes);
    }

    <T> T rebuiltAround(Supplier<T> load) {
        long started = System.nanoTime();
        indexes.forEach(index -> jdbc.sql(index.dropStatement()).update());
        T loaded = load.get();
        long built = System.nanoTime();
        jdbc.sql("set local maintenance_work_mem = '256MB'").update();
        indexes.forEach(index -> jdbc.sql(index.buildStatement()).update());
        log.info("Bulk load: {} indexes dropped, load {} ms, indexes built again {} ms", indexes.size(), (built - started) / 1_000_000,
                (System.nanoTime() - built) / 1_000_000);
        return loaded;
    }
}
