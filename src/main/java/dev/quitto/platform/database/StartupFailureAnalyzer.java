package dev.quitto.platform.database;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.jspecify.annotations.Nullable;

/** Turns database start-up failures into Spring Boot's short "what happened / what to do" report. */
public class StartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EmbeddedDatabaseUnavailable unavailable) {
                return new FailureAnalysis(unavailable.getMessage(), unavailable.action(), unavailable);
            }
            if (cause instanceof DatabaseUrl.InvalidDatabaseUrl invalid) {
                return new FailureAnalysis(invalid.getMessage(), "Fix DATABASE_URL, e.g. postgresql://user:pass@host:5432/db", invalid);
            }
        }
        return null;
    }
}
