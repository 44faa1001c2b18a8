package dev.quitto.fieldops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.imports.internal.ImportWorker;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.ChildInstances;
import dev.quitto.testsupport.CrashGate;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.UnfinishedImports;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Acceptance item 20 with a real process death: a 100,000-row file in the original's messy date mix
 * ({@link LastMileRows}) is uploaded to a child JVM of the service ({@link ChildInstances}), which runs the import into
 * empty field-ops tables, so that the apply is a bulk one: it drops the secondary indexes of the visits and of their
 * indicator cells, loads, and builds them again, all in its transaction. The child stops at a {@link CrashGate} while
 * the indexes are dropped ({@link GatedVisitImport}) and is killed there with SIGKILL. Another child, started on the
 * same embedded PostgreSQL and data folder, takes the import over once the lease has expired and completes the same
 * import id exactly once.
 * <p>
 * This instance's import worker is held back, so the children are the only instances that run imports.
 */
@QuittoIntegrationTest
class FieldopsCrashResumeIntegrationTests {

    private static final int ROWS = 100_000;
    private static final long SEED = 20211231L;
    private static final Instant CHILD_CLOCK = TestClock.START.plus(Duration.ofDays(1));
    private static final Duration CHILD_WAIT = Duration.ofMinutes(6);
    private static final Path LOGS = Path.of("target", "fieldops-crash-resume");
    /** The tables of a bulk apply that have secondary indexes, which it drops ({@code fieldops_sla_total} has only its primary key). */
    private static final List<String> INDEXED_BULK_TABLES = List.of("fieldops_sla_day", "fieldops_visit", "fieldops_visit_day");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportWorker worker;

    @Autowired
    Environment environment;

    @TempDir
    Path folder;

    private FieldopsFixture f;
    private ChildInstances children;
    private String p;
    private @Nullable UUID imported;

    @BeforeEach
    void holdBackThisInstanceOnEmptyTables() {
        worker.stop();
        f = FieldopsFixture.create(port, users, jdbc);
        children = new ChildInstances(environment, CHILD_CLOCK, LOGS);
        p = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        children.close();
        if (imported != null) {
            UnfinishedImports.abandon(jdbc, imported);
        }
        worker.start();
    }

    @Test
    void a20AnImportKilledWhileApplyingWithItsIndexesDroppedIsCompletedOnceAfterARestartWithAVisitPerDistinctId() throws Exception {
        List<String> indexes = fieldopsIndexes();
        Path file = folder.resolve("bd_desafio.csv");
        LastMileRows.Expected expected = LastMileRows.write(file, ROWS, SEED);

        UUID id = uploadToAChildAndKillItWhileApplying(file);

        assertThat(fieldopsIndexes()).as("index definitions after the kill").isEqualTo(indexes);
        assertThat(count("select count(*) from fieldops_visit")).as("visits after the kill").isZero();
        children.start("resuming-" + p);
        Map<String, Object> done = awaitFinished(id);

        assertThat(done.get("status")).as("status, failure: " + done.get("failure_reason")).isEqualTo("COMPLETED");
        assertThat(done.get("attempts")).as("attempts: the killed one and the completing one").isEqualTo(2);
        assertThat(List.of(done.get("rows_read"), done.get("accepted"), done.get("duplicates"), done.get("rejected")))
                .containsExactly(expected.rows(), expected.accepted(), expected.duplicates(), expected.rejected());
        assertThat(List.of(done.get("inserted"), done.get("updated"), done.get("unchanged"))).containsExactly(expected.accepted(), 0L, 0L);
        assertThat(jdbc.sql("select count(*) as visits, count(distinct id) as ids, count(*) filter (where import_id = :id) as imported from fieldops_visit")
                .param("id", id).query().singleRow())
                .containsEntry("visits", expected.accepted()).containsEntry("ids", expected.accepted()).containsEntry("imported", expected.accepted());
        assertThat(outcomesByPolo()).isEqualTo(expected.byPolo());
        f.assertAggregatesEqualAFullRecomputation();
        assertThat(fieldopsIndexes()).as("index definitions after the resumed import").isEqualTo(indexes);
        assertThat(count("select count(*) from platform_import_error where import_id = '" + id + "'"))
                .as("report entries (rejections and duplicate warnings), once each").isEqualTo(expected.rejected() + expected.duplicates());
        assertThat(Path.of(environment.getRequiredProperty("quitto.data-dir"), "imports", id + ".csv")).doesNotExist();
        for (String name : List.of("killed-" + p, "resuming-" + p)) {
            assertThat(Files.readString(children.log(name))).as("constraint violations in " + name).doesNotContain("violates")
                    .doesNotContain("duplicate key");
        }
    }

    /**
     * Starts a child whose visit import stops inside its apply transaction, uploads {@code file} to it with the seed's
     * raw-body request, checks that it stands there with the indexes dropped and the tables locked, and kills it.
     */
    private UUID uploadToAChildAndKillItWhileApplying(Path file) throws Exception {
        String name = "killed-" + p;
        TestUsers.TestUser operator = users.create(Role.OPERATOR);
        try (CrashGate.Held gate = CrashGate.hold(folder)) {
            int childPort = ChildInstances.freePort();
            List<String> arguments = new ArrayList<>(List.of("--server.port=" + childPort));
            arguments.addAll(gate.arguments(VisitImport.NAME, CrashGate.APPLYING, 0));
            Process child = children.start(name, arguments);
            Http http = children.awaitServing(child, Http.on(childPort).basic(operator), ImportController.BASE + "?size=1", CHILD_WAIT);

            Http.Response accepted = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + childPort
                    + AtendimentoController.BASE + "/import_csv")).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            UUID id = UUID.fromString(accepted.json().get("task_id").asString());
            imported = id;

            assertThat(gate.awaitReached(children, child, CHILD_WAIT)).isEqualTo(CrashGate.APPLYING_INDEXES_DROPPED);
            Map<String, Object> row = importRow(id);
            assertThat(row.get("status")).isEqualTo("APPLYING");
            assertThat(row.get("lease_owner")).isEqualTo(name);
            assertThat(row.get("rows_read")).isEqualTo((long) ROWS);
            assertThat(exclusivelyLockedIndexedTables()).as("the child's apply holds the tables while their indexes are dropped")
                    .containsExactlyElementsOf(INDEXED_BULK_TABLES);

            children.kill(child);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> exclusivelyLockedIndexedTables().isEmpty());
            return id;
        }
    }

    private Map<String, Object> awaitFinished(UUID id) {
        return await().atMost(CHILD_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> importRow(id), row -> "COMPLETED".equals(row.get("status")) || "FAILED".equals(row.get("status")));
    }

    private Map<String, Object> importRow(UUID id) {
        return jdbc.sql("""
                        select status, lease_owner, rows_read, accepted, duplicates, rejected, attempts,
                               (extra_counts ->> 'inserted')::bigint as inserted, (extra_counts ->> 'updated')::bigint as updated,
                               (extra_counts ->> 'unchanged')::bigint as unchanged, failure_reason
                        from platform_import where id = :id""")
                .param("id", id).query().singleRow();
    }

    /** On time, late and not visited per polo name, from the indicator cells. */
    private Map<String, LastMileRows.PoloCounts> outcomesByPolo() {
        Map<String, LastMileRows.PoloCounts> byPolo = new TreeMap<>();
        jdbc.sql("""
                        select p.name, sum(t.on_time) as on_time, sum(t.late) as late, sum(t.unvisited) as unvisited
                        from fieldops_sla_total t join fieldops_polo p on p.id = t.polo_id group by p.name""")
                .query((rs, n) -> byPolo.put(rs.getString("name"),
                        new LastMileRows.PoloCounts(rs.getLong("on_time"), rs.getLong("late"), rs.getLong("unvisited"))))
                .list();
        return byPolo;
    }

    /** The field-ops tables' index definitions; read from the catalog, so never blocked by an apply's table locks. */
    private List<String> fieldopsIndexes() {
        return jdbc.sql("""
                        select tablename || ' ' || indexname || ': ' || indexdef from pg_indexes
                        where schemaname = current_schema() and tablename like 'fieldops\\_%' order by tablename, indexname""")
                .query(String.class).list();
    }

    private List<String> exclusivelyLockedIndexedTables() {
        return jdbc.sql("""
                        select distinct c.relname from pg_locks l join pg_class c on c.oid = l.relation
                        where l.mode = 'AccessExclusiveLock' and l.granted and c.relname in (:tables) order by c.relname""")
                .param("tables", INDEXED_BULK_TABLES).query(String.class).list();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
