package dev.quitto.cashback;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A sale that passed every rule of cashback.md 4.2, priced with one rate version (4.3).
 *
 * @param soldAtRaw the {@code sold_at} text as sent
 * @param body      the request body as sent
 */
record SaleRequest(Instant soldAt, String soldAtRaw, String document, String customerName, BigDecimal total, List<Line> lines,
                   RateVersion rates, String body) {

    SaleRequest {
        lines = List.copyOf(lines);
    }

    /** One product line: the type as stored (trimmed, upper case), the unit value, the quantity and its rate. */
    record Line(int lineNo, String type, BigDecimal value, int qty, BigDecimal ratePercent) {

        /** value × qty × ratePercent / 100, exact. */
        BigDecimal cashbackExact() {
            return value.multiply(BigDecimal.valueOf(qty)).multiply(ratePercent).movePointLeft(2);
        }
    }
}
