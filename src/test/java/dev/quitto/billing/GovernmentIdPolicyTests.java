package dev.quitto.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.billing.BillingSettings.GovernmentIdPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Acceptance item 12 of billing.md and the LENIENT edge cases of section 8: governmentId under both policies. */
class GovernmentIdPolicyTests {

    @ParameterizedTest(name = "{0}: LENIENT {1}, STRICT {2}")
    @CsvSource({
            "52998224725,     true,  true",
            "529.982.247-25,  true,  true",
            "11222333000181,  true,  true",
            "11.222.333/0001-81, true, true",
            "12ABC34501DE35,  true,  true",
            "11111111111,     true,  false",
            "9558,            true,  false",
            "12ABC34501DE36,  false, false",
            "123456789012345, false, false",
            "12abc34501de35,  false, false"})
    void governmentIdsUnderEachPolicy(String value, boolean lenient, boolean strict) {
        assertThat(DebtRules.normalizeGovernmentId(value, GovernmentIdPolicy.LENIENT) != null).isEqualTo(lenient);
        assertThat(DebtRules.normalizeGovernmentId(value, GovernmentIdPolicy.STRICT) != null).isEqualTo(strict);
    }

    @ParameterizedTest(name = "{0} is stored as {1}")
    @CsvSource({"529.982.247-25, 52998224725", "0012, 0012"})
    void punctuationIsRemovedAndLeadingZerosKept(String value, String stored) {
        assertThat(DebtRules.normalizeGovernmentId(value, GovernmentIdPolicy.LENIENT)).isEqualTo(stored);
    }
}
