package dev.quitto.platform.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class JwtSecretTests {

    @Test
    void refusesAMissingSecret() {
        assertThatThrownBy(() -> JwtSecret.of(null)).isInstanceOf(JwtSecret.JwtSecretInvalid.class)
                .hasMessage("QUITTO_JWT_SECRET is not set, so Quitto cannot sign tokens.");
    }

    @Test
    void refusesASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> JwtSecret.of("a".repeat(31))).isInstanceOf(JwtSecret.JwtSecretInvalid.class)
                .hasMessage("QUITTO_JWT_SECRET is 31 bytes long; tokens need a key of at least 32 bytes.");
    }

    @Test
    void acceptsA32ByteSecretAsAnHmacSha256Key() {
        assertThat(JwtSecret.of("a".repeat(32)).key().getAlgorithm()).isEqualTo("HmacSHA256");
    }

    @Test
    void reportsTheMissingSecretAsAStartupFailureWithAnAction() {
        Throwable startupFailure = new BeanCreationException("jwtSecret", "Failed", catchInvalid());

        FailureAnalysis analysis = new SecurityFailureAnalyzer().analyze(startupFailure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("QUITTO_JWT_SECRET is not set, so Quitto cannot sign tokens.");
        assertThat(analysis.getAction()).contains("QUITTO_JWT_SECRET").contains("32 bytes").doesNotContain("\n");
    }

    @Test
    void leavesOtherFailuresToOtherAnalyzers() {
        assertThat(new SecurityFailureAnalyzer().analyze(new IllegalStateException("something else"))).isNull();
    }

    private static JwtSecret.JwtSecretInvalid catchInvalid() {
        try {
            JwtSecret.of("");
            throw new AssertionError("an empty secret was accepted");
        } catch (JwtSecret.JwtSecretInvalid invalid) {
            return invalid;
        }
    }
}
