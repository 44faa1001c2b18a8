package dev.quitto.platform.money;

import java.math.RoundingMode;

/**
 * The rounding rules Quitto's formulas use, named for where they come from, so no formula says
 * {@code RoundingMode} without saying why.
 */
public enum Rounding {

    /** Ties to the even neighbour (0.995 -> 1.00, 0.985 -> 0.98): banks' and the anticipation seed's rule. */
    BANKERS(RoundingMode.HALF_EVEN),
    /** Ties away from zero (0.995 -> 1.00, 0.985 -> 0.99): the rule of printed prices and receipts. */
    COMMERCIAL(RoundingMode.HALF_UP),
    /** Towards zero: never give more than is owed (interest accrual, cashback caps). */
    TRUNCATE(RoundingMode.DOWN);

    private final RoundingMode mode;

    Rounding(RoundingMode mode) {
        this.mode = mode;
    }

    public RoundingMode mode() {
        return mode;
    }
}
