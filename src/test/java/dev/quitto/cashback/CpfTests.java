package dev.quitto.cashback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CPF rules of cashback.md 4.2: mask optional, check digits, all-equal digits refused, palindromes fine. */
class CpfTests {

    @ParameterizedTest
    @ValueSource(strings = {"79336512404", "23534104056", "53824051079", "07268305001", "30314608044", "40495330060", "19738091098",
            "69149221019", "35464557202", "68175541016", "67121228050", "86446629028", "10000900001", "00001910000"})
    void theSpecsValidCpfsAreAccepted(String cpf) {
        assertThat(Cpf.normalize(cpf)).contains(cpf);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000", "11111111111", "12345678912", "58070424172", "33535353535", "11122200080", "15464557202",
            "7933651240", "253.135.632-033", "abc79336512404", "793 365 124 04", "７９３３６５１２４０４"})
    void theSpecsInvalidCpfsAreRefused(String cpf) {
        assertThat(Cpf.normalize(cpf)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"793.365.124-04", "79336512404", "793365124-04"})
    void maskedAndUnmaskedFormsAreOneCustomer(String cpf) {
        assertThat(Cpf.normalize(cpf)).contains("79336512404");
    }

    @org.junit.jupiter.api.Test
    void leadingZerosAreKept() {
        assertThat(Cpf.normalize("072.683.050-01")).contains("07268305001");
    }
}
