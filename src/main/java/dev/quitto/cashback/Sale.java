package dev.quitto.cashback;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored sale with its lines and what its delivery says now.
 *
 * @param attempts      attempts of its delivery so far (all cycles)
 * @param nextAttemptAt when its delivery is due, while it is pending
 */
record Sale(long id, String clientId, long clientUserId, Instant receivedAt, Instant soldAt, String document, String customerName,
            BigDecimal total, BigDecimal cashback, BigDecimal cashbackExact, int rateVersion, SaleStatus status,
            @Nullable String providerId, @Nullable String providerMessage, @Nullable Instant providerCreatedAt, @Nullable Instant deliveredAt,
            boolean echoMismatch, @Nullable String lastError, int attempts, @Nullable Instant nextAttemptAt, List<Item> items) {

    Sale {
        items = List.copyOf(items);
    }

    Sale withItems(List<Item> lines) {
        return new Sale(id, clientId, clientUserId, receivedAt, soldAt, document, customerName, total, cashback, cashbackExact, rateVersion,
                status, providerId, providerMessage, providerCreatedAt, deliveredAt, echoMismatch, lastError, attempts, nextAttemptAt, lines);
    }

    record Item(int lineNo, String type, BigDecimal value, int qty, BigDecimal ratePercent, BigDecimal cashbackExact) {
    }
}
