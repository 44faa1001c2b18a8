package dev.quitto.platform.money;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * An amount in reais with exactly two decimals. Equality is by value ({@code 200} equals {@code 200.00}),
 * arithmetic never rounds silently: a result with more than two decimals must be rounded with a named
 * {@link Rounding}.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);
    /** The largest amount a {@code numeric(14,2)} column holds. */
    public static final BigDecimal MAX = new BigDecimal("999999999999.99");

    public Money {
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("Money has at most two decimals, got " + amount.toPlainString() + "; round it with a Rounding first");
        }
        amount = amount.setScale(2);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    public static Money of(long reais) {
        return new Money(BigDecimal.valueOf(reais));
    }

    /** Rounds an exact intermediate result (an interest, a discount) to cents with the named rule. */
    public static Money rounded(BigDecimal exact, Rounding rounding) {
        return new Money(exact.setScale(2, rounding.mode()));
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    /** {@code this × factor}, computed exactly and rounded once to cents. */
    public Money times(BigDecimal factor, Rounding rounding) {
        return rounded(amount.multiply(factor), rounding);
    }

    /** {@code this × numerator / denominator}, divided in DECIMAL128 and rounded once to cents. */
    public Money times(BigDecimal numerator, BigDecimal denominator, Rounding rounding) {
        return rounded(amount.multiply(numerator).divide(denominator, MathContext.DECIMAL128), rounding);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** {@code "7811.00"}: how amounts travel in JSON and CSV. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
