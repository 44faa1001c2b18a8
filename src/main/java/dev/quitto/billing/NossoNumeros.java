package dev.quitto.billing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands out nosso números: one {@code nextval} of {@code billing_nosso_numero_seq} (increment 10,000) reserves a
 * block for this instance, served from memory. Numbers never repeat; those left unused at shutdown, or given to rows
 * that turn out to be duplicates, are gaps.
 */
@Component("billingNossoNumeros")
class NossoNumeros {

    static final int BLOCK = 10_000;

    private final JdbcClient jdbc;
    private long next;
    private long end;

    NossoNumeros(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    synchronized long next() {
        if (next == end) {
            long start = jdbc.sql("select nextval('billing_nosso_numero_seq')").query(Long.class).single();
            next = start;
            end = start + BLOCK;
        }
        return next++;
    }
}
