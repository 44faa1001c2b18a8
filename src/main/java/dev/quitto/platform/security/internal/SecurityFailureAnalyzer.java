package dev.quitto.platform.security.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/** Turns a missing or short JWT secret into Spring Boot's short "what happened / what to do" report. */
public class SecurityFailureAnalyzer implements FailureAnalyzer {

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtSecret.JwtSecretInvalid invalid) {
                return new FailureAnalysis(invalid.getMessage(), invalid.action(), invalid);
            }
        }
        return null;
    }
}
