package dev.quitto.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as the API shows it: a string with exactly two decimals. Billing never rounds; values already have scale ≤ 2. */
final class Money2 {

    private Money2() {
    }

    /** {@code 7811} → {@code "7811.00"}; scale is only raised (RoundingMode.UNNECESSARY: a third decimal would be a bug). */
    static String text(BigDecimal value) {
        return value.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
