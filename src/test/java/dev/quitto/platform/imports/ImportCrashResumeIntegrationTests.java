package dev.quitto.platform.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.QuittoApplication;
import dev.quitto.platform.imports.internal.ImportWorker;
import dev.quitto.testsupport.QuittoIntegrationTest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * kill -9 in the middle of an import: a child JVM (this test classpath's {@link QuittoApplication}, on this
 * JVM's PostgreSQL and data folder) takes a 300,000-row import and is killed at a known point; this test's own
 * instance, whose worker is held back until then, takes the import over once the child's lease expires.
 */
@QuittoIntegrationTest
@TestPropertySource(properties = {"quitto.imports.auto-startup=false", "quitto.test.crash.enabled=true"})
class ImportCrashResumeIntegrationTests {

    private static final int ROWS = 300_000;
    private static final int BAD_EVERY = 10_000;

    @Autowired
    Imports imports;

    @Autowired
    ImportWorker worker;

    @Autowired
    @Qualifier("crashImportKind")
    ImportKind crashKind;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Value("${quitto.data-dir}")
    String dataDir;

    @TempDir
    Path folder;

    private final List<Process> children = new ArrayList<>();
    private String p = "";

    @BeforeEach
    void holdBackThisInstance() {
        worker.stop();
        p = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void cleanUp() {
        children.forEach(Process::destroyForcibly);
        worker.stop();
    }

    @Test
    void completesAnImportWhoseInstanceWasKilledWhileParsingWithNoDuplicateAndNoLostRow() throws Exception {
        String id = killChildAt(PersonImportKind.Gate.PARSING, "PARSING", 150_000);

        worker.start();
        Map<String, Object> done = awaitCompleted(id);

        assertExactlyOnce(id, done);
    }

    @Test
    void completesAnImportWhoseInstanceWasKilledWhileApplyingWithNoDuplicateAndNoLostRow() throws Exception {
        String id = killChildAt(PersonImportKind.Gate.APPLYING, "APPLYING", 0);

        worker.start();
        Map<String, Object> done = awaitCompleted(id);

        assertExactlyOnce(id, done);
    }

    /** Uploads the file, lets a child JVM run it up to the gate, checks it stands there, and kills it with SIGKILL. */
    private String killChildAt(PersonImportKind.Gate gate, String status, long afterRows) throws Exception {
        Path csv = generate(folder.resolve("people.csv"));
        String id;
        try (InputStream body = Files.newInputStream(csv)) {
            id = imports.accept(crashKind, body, "people.csv", ImportOptions.defaults(), "/api/v1/platform/imports").id().toString();
        }
        Path gateFile = Files.createFile(folder.resolve("gate"));
        try (FileChannel gateChannel = FileChannel.open(gateFile, StandardOpenOption.WRITE); FileLock held = gateChannel.lock()) {
            Process child = startChild(gateFile, gate, afterRows);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(child.isAlive()).as("child JVM alive, see " + folder.resolve("child.log")).isTrue();
                Map<String, Object> row = importRow(id);
                return status.equals(row.get("status")) && row.get("lease_owner") != null
                        && (gate == PersonImportKind.Gate.APPLYING || ((Number) row.get("rows_read")).longValue() > 100_000);
            });
            if (gate == PersonImportKind.Gate.APPLYING) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> jdbc.sql("select count(*) from pg_stat_activity where state = 'idle in transaction'")
                                .query(Long.class).single() > 0);
                assertThat(storedRows()).as("the child's apply has not committed").isZero();
            }
            child.destroyForcibly();
            assertThat(child.waitFor()).isEqualTo(137);
            assertThat(storedRows()).isZero();
        }
        return id;
    }

    private Process startChild(Path gateFile, PersonImportKind.Gate gate, long afterRows) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), QuittoApplication.class.getName(),
                "--spring.profiles.active=test",
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--server.port=0", "--quitto.data-dir=" + dataDir,
                "--quitto.imports.instance-id=child-" + p,
                "--quitto.test.crash.enabled=true", "--quitto.test.crash.gate-file=" + gateFile,
                "--quitto.test.crash.gate=" + gate.name(), "--quitto.test.crash.gate-after-rows=" + afterRows);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(folder.resolve("child.log").toFile()).start();
        children.add(child);
        return child;
    }

    private Path generate(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,name,email,amount\n");
            for (int i = 1; i <= ROWS; i++) {
                String email = i % BAD_EVERY == 0 ? "no-at-sign" : "person" + i + "@example.com";
                out.write(p + "-" + i + ",Person " + i + "," + email + "," + (1000 + i % 9000) + "\n");
            }
        }
        return file;
    }

    private Map<String, Object> awaitCompleted(String id) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> importRow(id), row -> "COMPLETED".equals(row.get("status")) || "FAILED".equals(row.get("status")));
    }

    private void assertExactlyOnce(String id, Map<String, Object> done) {
        long bad = ROWS / BAD_EVERY;
        assertThat(done.get("status")).isEqualTo("COMPLETED");
        assertThat(((Number) done.get("attempts")).intValue()).isEqualTo(2);
        assertThat(List.of(done.get("rows_read"), done.get("accepted"), done.get("duplicates"), done.get("rejected")))
                .containsExactly((long) ROWS, ROWS - bad, 0L, bad);
        Map<String, Object> stored = jdbc.sql("""
                        select count(*) as rows, count(distinct id) as ids, sum(amount) as total from test_import_person
                        where id like :prefix and import_id = cast(:id as uuid)
                        """)
                .param("prefix", p + "-%").param("id", id).query().singleRow();
        assertThat(stored.get("rows")).isEqualTo(ROWS - bad);
        assertThat(stored.get("ids")).isEqualTo(ROWS - bad);
        long entries = jdbc.sql("select count(*) from platform_import_error where import_id = cast(:id as uuid)").param("id", id)
                .query(Long.class).single();
        assertThat(entries).as("error report entries, once each").isEqualTo(bad);
        assertThat(Path.of(dataDir, "imports", id + ".csv")).doesNotExist();
    }

    private Map<String, Object> importRow(String id) {
        return jdbc.sql("select status, lease_owner, rows_read, accepted, duplicates, rejected, attempts from platform_import where id = cast(:id as uuid)")
                .param("id", id).query().singleRow();
    }

    private long storedRows() {
        return jdbc.sql("select count(*) from test_import_person where id like :prefix").param("prefix", p + "-%").query(Long.class).single();
    }
}
