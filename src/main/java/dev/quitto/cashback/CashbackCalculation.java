package dev.quitto.cashback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * cashback.md 4.3: {@code cashbackExact = Σ value × qty × ratePercent / 100} with no intermediate rounding, and
 * {@code cashback} = cashbackExact rounded once to 2 decimals, {@link RoundingMode#HALF_UP} (0.525 → 0.53).
 */
final class CashbackCalculation {

    static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private CashbackCalculation() {
    }

    static BigDecimal exact(List<SaleRequest.Line> lines) {
        return lines.stream().map(SaleRequest.Line::cashbackExact).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal rounded(BigDecimal exact) {
        return exact.setScale(2, ROUNDING);
    }

    /** An exact amount as rendered: plain, without trailing zeros ({@code 9.5}, {@code 0.525}, {@code 9}). */
    static String plain(BigDecimal exact) {
        return exact.signum() == 0 ? "0" : exact.stripTrailingZeros().toPlainString();
    }
}
