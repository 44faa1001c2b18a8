package dev.quitto.platform.database;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.jspecify.annotations.Nullable;

/** Turns start-up failures (database, port) into Spring Boot's short "what happened / what to do" report. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EmbeddedDatabaseUnavailable unavailable) {
                return new FailureAnalysis(unavailable.getMessage(), unavailable.action(), unavailable);
            }
            if (cause instanceof PortInUseException portInUse) {
                int port = portInUse.getPort();
                return new FailureAnalysis("Port " + port + " is already in use, so the web server cannot start.",
                        "Stop the process listening on " + port + " (ss -ltnp 'sport = :" + port + "' shows it), "
                                + "or run Quitto on another port with SERVER_PORT=" + (port + 1) + ".", portInUse);
            }
            if (cause instanceof DatabaseUrl.InvalidDatabaseUrl invalid) {
                return new FailureAnalysis(invalid.getMessage(), "Fix DATABASE_URL, e.g. postgresql://user:pass@host:5432/db", invalid);
            }
        }
        return null;
    }
}
