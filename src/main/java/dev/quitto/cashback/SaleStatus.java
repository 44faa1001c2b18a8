package dev.quitto.cashback;

/**
 * Where a sale stands (cashback.md 4.5). {@link #RETRYING} is not stored: it is a PENDING sale whose delivery has
 * been attempted at least once.
 */
enum SaleStatus {
    PENDING, RETRYING, DELIVERED, FAILED, SKIPPED
}
