package dev.quitto.platform.delivery;

import dev.quitto.testsupport.TestClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Enqueues in a transaction of its own, reads delivery rows and moves the frozen clock to a delivery's next attempt. */
final class DeliveryTestRows {

    private final Deliveries deliveries;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final TestClock clock;

    DeliveryTestRows(Deliveries deliveries, TransactionTemplate transactions, JdbcClient jdbc, TestClock clock) {
        this.deliveries = deliveries;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    UUID enqueue(OutboundDelivery delivery) {
        return transactions.execute(status -> deliveries.enqueue(delivery));
    }

    Delivery row(UUID id) {
        return deliveries.find(id).orElseThrow();
    }

    List<DeliveryAttempt> attempts(UUID id) {
        return deliveries.attempts(id);
    }

    int attemptCount(UUID id) {
        return attempts(id).size();
    }

    /** Sets the clock to the delivery's next attempt time (never backwards), so the worker finds it due. */
    void stepToNextAttempt(UUID id) {
        Instant next = row(id).nextAttemptAt();
        if (next.isAfter(clock.instant())) {
            clock.set(next);
        }
    }

    long count(String destination, String businessKey) {
        return jdbc.sql("select count(*) from platform_delivery where destination = :destination and business_key = :key")
                .param("destination", destination).param("key", businessKey).query(Long.class).single();
    }

    /** Takes the delivery's lease away, as another instance that claimed it after the lease expired would. */
    void stealLease(UUID id, String owner) {
        jdbc.sql("update platform_delivery set lease_owner = :owner, lease_token = gen_random_uuid() where id = :id and lease_token is not null")
                .param("owner", owner).param("id", id).update();
    }

    /** Marks the delivery as claimed by an instance that then died: a lease held until {@code until}, no outcome. */
    void leaseToADeadInstance(UUID id, Instant until) {
        jdbc.sql("""
                        update platform_delivery
                        set lease_owner = 'dead-instance', lease_token = gen_random_uuid(), lease_until = :until, attempts = attempts + 1,
                            cycle_attempts = cycle_attempts + 1, last_attempt_at = :now
                        where id = :id
                        """)
                .param("id", id).param("until", OffsetDateTime.ofInstant(until, java.time.ZoneOffset.UTC))
                .param("now", OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)).update();
    }

    String leaseOwner(UUID id) {
        return jdbc.sql("select lease_owner from platform_delivery where id = :id").param("id", id).query(String.class).optional().orElse(null);
    }

    String newKey() {
        return UUID.randomUUID().toString();
    }
}
