package dev.quitto.cashback;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cashback.md 4.3: exact sum, then one HALF_UP rounding to 2 decimals; the ties of the spec's table. */
class CashbackCalculationTests {

    private static SaleRequest.Line line(int no, String value, int qty, String percent) {
        return new SaleRequest.Line(no, "X", new BigDecimal(value), qty, new BigDecimal(percent));
    }

    @Test
    void aTieAt0_525RoundsHalfUpTo0_53NotHalfEven() {
        BigDecimal exact = CashbackCalculation.exact(List.of(line(1, "10.50", 1, "5.00")));

        assertThat(CashbackCalculation.plain(exact)).isEqualTo("0.525");
        assertThat(CashbackCalculation.rounded(exact)).isEqualByComparingTo("0.53");
        assertThat(exact.setScale(2, RoundingMode.HALF_EVEN)).isEqualByComparingTo("0.52");
    }

    @Test
    void twoTiedLinesAreSummedBeforeTheOneRounding() {
        BigDecimal exact = CashbackCalculation.exact(List.of(line(1, "10.50", 1, "5.00"), line(2, "10.50", 1, "5.00")));

        assertThat(CashbackCalculation.rounded(exact)).isEqualByComparingTo("1.05");
    }

    @Test
    void aTieAt0_005RoundsUpTo0_01AndBelowItToZero() {
        assertThat(CashbackCalculation.rounded(CashbackCalculation.exact(List.of(line(1, "0.10", 1, "5.00"))))).isEqualByComparingTo("0.01");
        assertThat(CashbackCalculation.rounded(CashbackCalculation.exact(List.of(line(1, "0.09", 1, "5.00"))))).isEqualByComparingTo("0.00");
    }

    @Test
    void exactValuesRenderPlainWithoutTrailingZeros() {
        assertThat(CashbackCalculation.plain(new BigDecimal("9.500000"))).isEqualTo("9.5");
        assertThat(CashbackCalculation.plain(new BigDecimal("9.000000"))).isEqualTo("9");
        assertThat(CashbackCalculation.plain(new BigDecimal("0.000000"))).isEqualTo("0");
        assertThat(CashbackCalculation.plain(new BigDecimal("17.321500"))).isEqualTo("17.3215");
    }

    @Test
    void c33_33x3Gives14_9985RoundedTo15_00() {
        BigDecimal exact = CashbackCalculation.exact(List.of(line(1, "33.33", 3, "15.00")));

        assertThat(exact).isEqualByComparingTo("14.9985");
        assertThat(CashbackCalculation.rounded(exact).toPlainString()).isEqualTo("15.00");
    }
}
