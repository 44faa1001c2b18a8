package dev.quitto.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** billing.md 4.7: logs mask the governmentId (last 2 digits) and the e-mail local part; values from billing.md. */
class MaskedTests {

    @ParameterizedTest(name = "governmentId {0} is logged as {1}")
    @CsvSource({
            "9558, **58",
            "11111111111, *********11",
            "52998224725, *********25",
            "11222333000181, ************81",
            "12ABC34501DE35, ************35"})
    void aGovernmentIdKeepsOnlyItsLastTwoCharacters(String governmentId, String masked) {
        assertThat(Masked.governmentId(governmentId)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "governmentId {0} is logged as {1}")
    @CsvSource({"7, *", "58, **"})
    void aGovernmentIdOfTwoCharactersOrFewerIsHiddenWhole(String governmentId, String masked) {
        assertThat(Masked.governmentId(governmentId)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "e-mail {0} is logged as {1}")
    @CsvSource({
            "johndoe@kanastra.com.br, ***@kanastra.com.br",
            "janet95@example.com, ***@example.com",
            "a@b, ***@b",
            "a b@example.com, ***@example.com"})
    void anEmailHidesItsLocalPartAndKeepsItsDomain(String address, String masked) {
        assertThat(Masked.email(address)).isEqualTo(masked);
    }

    @Test
    void anEmailWithoutAtSignIsHiddenWhole() {
        assertThat(Masked.email("janet95example.com")).isEqualTo("***");
    }

    @Test
    void severalRecipientsAreEachMasked() {
        assertThat(Masked.emails(List.of("johndoe@kanastra.com.br", "janet95@example.com"))).isEqualTo("***@kanastra.com.br, ***@example.com");
    }

    @Test
    void anSmtpRefusalNamingTheRecipientIsLoggedWithItsLocalPartHidden() {
        String reply = "SMTPAddressFailedException: 550 5.1.1 <johndoe@kanastra.com.br>: Recipient address rejected: User unknown";

        assertThat(Masked.emailsIn(reply))
                .isEqualTo("SMTPAddressFailedException: 550 5.1.1 <***@kanastra.com.br>: Recipient address rejected: User unknown");
    }

    @Test
    void everyAddressInFreeTextIsMasked() {
        assertThat(Masked.emailsIn("to johndoe@kanastra.com.br, janet95@example.com."))
                .isEqualTo("to ***@kanastra.com.br, ***@example.com.");
    }

    @Test
    void freeTextWithoutAddressIsUnchanged() {
        assertThat(Masked.emailsIn("ConnectException: Connection refused")).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void maskingAMaskedTextChangesNothing() {
        String once = Masked.emailsIn("550 <johndoe@kanastra.com.br>");

        assertThat(Masked.emailsIn(once)).isEqualTo(once);
    }
}
