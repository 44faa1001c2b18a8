package dev.quitto.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;

/** A start that cannot succeed says why and what to do in one line each, not in a stack trace. */
class StartupFailureTests {

    private final StartupFailureAnalyzer analyzer = new StartupFailureAnalyzer();

    @Test
    void refusesADataFolderOfAnotherPostgresVersion(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("PG_VERSION"), "16\n");
        Files.writeString(folder.resolve("postgresql.conf"), "");

        assertThatThrownBy(() -> EmbeddedDatabase.start(folder))
                .isInstanceOf(EmbeddedDatabaseUnavailable.class)
                .hasMessageContaining("holds PostgreSQL 16 data, this build runs 17");
    }

    @Test
    void refusesAStaleFolderLeftByAnInterruptedFirstStart(@TempDir Path folder) throws Exception {
        Files.createDirectories(folder.resolve("base"));

        assertThatThrownBy(() -> EmbeddedDatabase.start(folder))
                .isInstanceOf(EmbeddedDatabaseUnavailable.class)
                .hasMessageContaining("not empty but holds no initialized database");
    }

    @Test
    void describesADataFolderProblemWithItsRemedy(@TempDir Path folder) {
        var failure = new IllegalStateException("context failed",
                new EmbeddedDatabaseUnavailable(folder, "another running Quitto uses it", "Stop that instance."));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("Embedded PostgreSQL cannot use data folder " + folder + ": another running Quitto uses it.");
        assertThat(analysis.getAction()).isEqualTo("Stop that instance.");
    }

    @Test
    void describesAPortInUseWithTheVariableToChange() {
        FailureAnalysis analysis = analyzer.analyze(new RuntimeException(new PortInUseException(8080)));

        assertThat(analysis.getDescription()).isEqualTo("Port 8080 is already in use, so the web server cannot start.");
        assertThat(analysis.getAction()).contains("SERVER_PORT=8081");
    }

    @Test
    void describesABadDatabaseUrl() {
        FailureAnalysis analysis = analyzer.analyze(new DatabaseUrl.InvalidDatabaseUrl("DATABASE_URL must start with postgresql://, found mysql://"));

        assertThat(analysis.getAction()).contains("postgresql://user:pass@host:5432/db");
    }

    @Test
    void leavesOtherFailuresToSpringBoot() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }
}
