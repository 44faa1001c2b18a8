package dev.quitto.cashback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The cashback module's own meters (cashback.md 6): {@code quitto.cashback.sales.accepted{status}} (new sales, PENDING
 * or SKIPPED) and {@code quitto.cashback.deliveries{outcome}} (sales that became DELIVERED or FAILED), counted by the
 * instance that committed the change. The delivery queue's meters are the platform's, tagged
 * {@code destination=cashback-provider}: {@code quitto.delivery.pending} (queue depth), {@code quitto.delivery.oldest.due.age}
 * (age of the oldest due delivery), {@code quitto.delivery.attempt} (attempt latency histogram, by outcome) and
 * {@code quitto.delivery.response{status}} (the provider's status codes).
 */
@Component
class CashbackMetrics {

    private final Map<SaleStatus, Counter> accepted = new EnumMap<>(SaleStatus.class);
    private final Counter delivered;
    private final Counter failed;

    CashbackMetrics(MeterRegistry registry) {
        for (SaleStatus status : new SaleStatus[] {SaleStatus.PENDING, SaleStatus.SKIPPED}) {
            accepted.put(status, Counter.builder("quitto.cashback.sales.accepted").tag("status", status.name())
                    .description("Sales accepted (new, not a duplicate), by their first status").register(registry));
        }
        delivered = deliveries(registry, SaleStatus.DELIVERED);
        failed = deliveries(registry, SaleStatus.FAILED);
    }

    private static Counter deliveries(MeterRegistry registry, SaleStatus outcome) {
        return Counter.builder("quitto.cashback.deliveries").tag("outcome", outcome.name())
                .description("Sales whose delivery to the provider ended, by outcome").register(registry);
    }

    /** A new sale was committed. */
    void accepted(SaleStatus status) {
        Counter counter = accepted.get(status);
        if (counter != null) {
            counter.increment();
        }
    }

    /** The sale became DELIVERED in the current transaction: counted once it commits. */
    void deliveredOnCommit() {
        afterCommit(delivered);
    }

    /** The sale became FAILED in the current transaction: counted once it commits. */
    void failedOnCommit() {
        afterCommit(failed);
    }

    private static void afterCommit(Counter counter) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
