package dev.quitto.bench.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.imports.ImportOptions;
import dev.quitto.platform.imports.ImportView;
import dev.quitto.platform.imports.Imports;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A generated 1,000,000-row Kanastra file through the whole pipeline, in a 256 MB heap (surefire's argLine):
 * every row read, staged once and counted by the apply step, amounts summing to the generator's total.
 * Not part of the service's test suite: {@code cd bench && ../mvnw -B test -DskipBenchTests=false}.
 */
class MillionRowImportTests {

    @TempDir
    Path folder;

    @Test
    void importsAMillionGeneratedRowsExactlyOnceInA256MegabyteHeap() throws Exception {
        KanastraFile.Expected expected = KanastraFile.write(folder.resolve("million.csv"), 1_000_000);

        try (ConfigurableApplicationContext app = BenchApplication.start(folder.resolve("data"))) {
            Imports imports = app.getBean(Imports.class);
            String id;
            try (InputStream body = Files.newInputStream(folder.resolve("million.csv"))) {
                id = imports.accept(app.getBean(BenchDebtImportKind.class), body, "million.csv", ImportOptions.defaults(), "/bench").id().toString();
            }
            ImportView done = org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> imports.find(null, id, "/bench"), view -> view.finishedAt() != null);

            assertThat(done.status().name()).isEqualTo("COMPLETED");
            assertThat(done.counts()).containsEntry("rowsRead", 1_000_000L).containsEntry("accepted", 1_000_000L)
                    .containsEntry("duplicates", 0L).containsEntry("rejected", 0L)
                    .containsEntry("distinctLines", 1_000_000L).containsEntry("amountSum", expected.amountSum());
            assertThat(done.progress().bytesRead()).isEqualTo(expected.bytes());
            assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(256L << 20);
        }
    }
}
