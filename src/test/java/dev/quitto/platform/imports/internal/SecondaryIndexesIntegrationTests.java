package dev.quitto.platform.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quitto.testsupport.QuittoIntegrationTest;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** An import's bulk load with the tables' indexes dropped and built again afterwards, in one transaction. */
@QuittoIntegrationTest
class SecondaryIndexesIntegrationTests {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    private String table;

    @BeforeEach
    void table() {
        table = "bulk_test_" + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36);
        jdbc.sql("create table " + table + " (id bigint primary key, code text not null, status text not null, amount numeric(10,2),"
                + " constraint " + table + "_code_unique unique (code))").update();
        jdbc.sql("create index " + table + "_status on " + table + " (status) where status = 'OPEN'").update();
        jdbc.sql("create index " + table + "_amount on " + table + " (amount)").update();
    }

    @Test
    void aLoadBetweenDropAndRebuildEndsWithTheSameIndexesAndConstraints() {
        List<String> before = indexDefinitions();

        Integer loaded = transaction.execute(status -> SecondaryIndexes.of(jdbc, List.of(table)).rebuiltAround(() -> {
            assertThat(indexDefinitions()).hasSize(1);
            return jdbc.sql("insert into " + table + " select n, 'C' || n, case when n % 2 = 0 then 'OPEN' else 'PAID' end, n from generate_series(1, 5000) n")
                    .update();
        }));

        assertThat(loaded).isEqualTo(5000);
        assertThat(indexDefinitions()).isEqualTo(before).hasSize(4);
        assertThatThrownBy(() -> jdbc.sql("insert into " + table + " values (9999, 'C1', 'OPEN', 1)").update())
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aDuplicateLoadedWhileTheUniqueIndexIsGoneFailsTheRebuildAndRollsBackEverything() {
        List<String> before = indexDefinitions();

        assertThatThrownBy(() -> transaction.execute(status -> SecondaryIndexes.of(jdbc, List.of(table)).rebuiltAround(() ->
                jdbc.sql("insert into " + table + " values (1, 'SAME', 'OPEN', 1), (2, 'SAME', 'OPEN', 2)").update())))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(jdbc.sql("select count(*) from " + table).query(Long.class).single()).isZero();
        assertThat(indexDefinitions()).isEqualTo(before);
    }

    private List<String> indexDefinitions() {
        return jdbc.sql("select indexdef from pg_indexes where tablename = :table order by indexname").param("table", table)
                .query(String.class).list();
    }
}
