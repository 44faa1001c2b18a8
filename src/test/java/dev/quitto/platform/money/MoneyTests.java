package dev.quitto.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void equalsByValueWhateverTheWrittenScale() {
        assertThat(Money.of("200")).isEqualTo(Money.of("200.00"));
        assertThat(Money.of("200").toString()).isEqualTo("200.00");
    }

    @Test
    void refusesMoreThanTwoSignificantDecimalsWithoutARounding() {
        assertThatThrownBy(() -> Money.of("0.995")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} rounds to {1} with BANKERS and {2} with COMMERCIAL")
    @CsvSource({
            "0.995, 1.00, 1.00",
            "0.985, 0.98, 0.99",
            "2.675, 2.68, 2.68",
            "2.665, 2.66, 2.67",
            "-0.985, -0.98, -0.99",
            "0.9849, 0.98, 0.98"
    })
    void roundsTiesByTheNamedRule(String exact, String bankers, String commercial) {
        assertThat(Money.rounded(new BigDecimal(exact), Rounding.BANKERS)).isEqualTo(Money.of(bankers));
        assertThat(Money.rounded(new BigDecimal(exact), Rounding.COMMERCIAL)).isEqualTo(Money.of(commercial));
    }

    @Test
    void truncatesTowardsZero() {
        assertThat(Money.rounded(new BigDecimal("1.999"), Rounding.TRUNCATE)).isEqualTo(Money.of("1.99"));
        assertThat(Money.rounded(new BigDecimal("-1.999"), Rounding.TRUNCATE)).isEqualTo(Money.of("-1.99"));
    }

    @Test
    void multipliesExactlyAndRoundsOnce() {
        // 1.00 × 0.45 / 30 = 0.015 exactly, a tie: HALF_EVEN keeps the even cent
        Money discount = Money.of("1.00").times(new BigDecimal("0.45"), new BigDecimal("30"), Rounding.BANKERS);
        assertThat(discount).isEqualTo(Money.of("0.02"));
        assertThat(Money.of("1000.00").times(new BigDecimal("0.03"), Rounding.BANKERS)).isEqualTo(Money.of("30.00"));
    }

    @Test
    void dividesInDecimal128BeforeRounding() {
        assertThat(Money.of("100.00").times(BigDecimal.ONE, new BigDecimal("3"), Rounding.BANKERS)).isEqualTo(Money.of("33.33"));
        assertThat(Money.of("0.05").times(BigDecimal.ONE, new BigDecimal("2"), Rounding.BANKERS)).isEqualTo(Money.of("0.02"));
        assertThat(Money.of("0.05").times(BigDecimal.ONE, new BigDecimal("2"), Rounding.COMMERCIAL)).isEqualTo(Money.of("0.03"));
    }

    @Test
    void addsAndSubtractsWithoutRounding() {
        assertThat(Money.of("0.10").plus(Money.of("0.20"))).isEqualTo(Money.of("0.30"));
        assertThat(Money.of("0.10").minus(Money.of("0.20")).isNegative()).isTrue();
    }
}
