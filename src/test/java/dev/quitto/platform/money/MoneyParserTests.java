package dev.quitto.platform.money;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.money.MoneyParser.Parsed;
import dev.quitto.platform.money.MoneyParser.Refusal;
import dev.quitto.platform.money.MoneyParser.Refused;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyParserTests {

    @Test
    void readsAStringWithTwoDecimals() {
        assertThat(MoneyParser.parse("7811.00")).isEqualTo(new Parsed(Money.of("7811.00")));
    }

    @Test
    void readsIntegersAndDecimalNumbers() {
        assertThat(MoneyParser.parse(7811)).isEqualTo(new Parsed(Money.of("7811")));
        assertThat(MoneyParser.parse(new BigDecimal("7811.5"))).isEqualTo(new Parsed(Money.of("7811.50")));
        assertThat(MoneyParser.parse(" 10 ")).isEqualTo(new Parsed(Money.of("10.00")));
    }

    @ParameterizedTest(name = "refuses \"{0}\" as not a number")
    @ValueSource(strings = {"", "abc", "NaN", "Infinity", "1e3", "1,000.00", "1.000,00", "+5", ".5", "5."})
    void refusesWhatIsNotAPlainDecimal(String text) {
        assertThat(MoneyParser.parse(text)).isEqualTo(new Refused(Refusal.NOT_A_NUMBER));
    }

    @Test
    void refusesBooleansAndFloatingPointValues() {
        assertThat(MoneyParser.parse(true)).isEqualTo(new Refused(Refusal.NOT_A_NUMBER));
        assertThat(MoneyParser.parse(Double.valueOf("1.5"))).isEqualTo(new Refused(Refusal.NOT_A_NUMBER));
    }

    @ParameterizedTest(name = "refuses {0} for its third decimal")
    @ValueSource(strings = {"1.001", "1.000", "0.005"})
    void refusesAThirdDecimalEvenWhenZero(String text) {
        assertThat(MoneyParser.parse(text)).isEqualTo(new Refused(Refusal.TOO_MANY_DECIMALS));
    }

    @Test
    void refusesAmountsBeyondTheColumn() {
        assertThat(MoneyParser.parse("999999999999.99")).isInstanceOf(Parsed.class);
        assertThat(MoneyParser.parse("1000000000000.00")).isEqualTo(new Refused(Refusal.TOO_LARGE));
    }
}
