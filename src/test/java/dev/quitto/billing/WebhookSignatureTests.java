package dev.quitto.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quitto.platform.web.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Acceptance item 40 of billing.md: the HMAC vector, a changed byte, a stale timestamp, no header, no secret. */
class WebhookSignatureTests {

    static final byte[] BODY = "{\"debtId\":\"8291\",\"paidAt\":\"2022-06-09 10:00:00\",\"paidAmount\":100000.00,\"paidBy\":\"John Doe\"}"
            .getBytes(StandardCharsets.UTF_8);
    static final String HEADER = "t=1700000000,v1=b93a7e58b7c62861bdea919669b38446be3c8dab9d0f8a0789805787f57bb965";
    static final Clock AT_1700000010 = Clock.fixed(Instant.ofEpochSecond(1_700_000_010), ZoneOffset.UTC);

    private static WebhookSignature withSecrets(List<String> secrets) {
        return new WebhookSignature(TestSettings.settings(secrets), AT_1700000010);
    }

    @Test
    void theBodyIs91Bytes() {
        assertThat(BODY).hasSize(91);
    }

    @Test
    void thePublishedSignatureIsAccepted() {
        assertThatCode(() -> withSecrets(List.of("whsec_test_secret")).verify(HEADER, BODY)).doesNotThrowAnyException();
    }

    @Test
    void aSecondSecretDuringRotationIsAccepted() {
        assertThatCode(() -> withSecrets(List.of("whsec_new", "whsec_test_secret")).verify(HEADER, BODY)).doesNotThrowAnyException();
    }

    @Test
    void oneChangedBodyByteIsRefused() {
        byte[] changed = BODY.clone();
        changed[10] = (byte) '9';

        assertThatThrownBy(() -> withSecrets(List.of("whsec_test_secret")).verify(HEADER, changed)).satisfies(WebhookSignatureTests::is401InvalidSignature);
    }

    @Test
    void aStaleTimestampIsRefused() {
        assertThatThrownBy(() -> withSecrets(List.of("whsec_test_secret")).verify(HEADER.replace("t=1700000000", "t=1699999000"), BODY))
                .satisfies(WebhookSignatureTests::is401InvalidSignature);
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertThatThrownBy(() -> withSecrets(List.of("whsec_test_secret")).verify(null, BODY)).satisfies(WebhookSignatureTests::is401InvalidSignature);
        assertThatThrownBy(() -> withSecrets(List.of("whsec_test_secret")).verify("v1=zz", BODY)).satisfies(WebhookSignatureTests::is401InvalidSignature);
    }

    @Test
    void withoutASecretTheHeaderIsIgnored() {
        assertThatCode(() -> withSecrets(List.of()).verify(null, BODY)).doesNotThrowAnyException();
    }

    /** What the webhook answers for every refused signature (billing.md 7): 401 {@code invalid-signature}. */
    private static void is401InvalidSignature(Throwable refused) {
        assertThat(refused).isInstanceOf(Refusal.class);
        assertThat(((Refusal) refused).status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(((Refusal) refused).code()).isEqualTo("invalid-signature");
    }
}
