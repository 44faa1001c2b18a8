package dev.quitto.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.quitto.platform.imports.internal.ImportWorker;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.ChildInstances;
import dev.quitto.testsupport.CrashGate;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestClock;
import dev.quitto.testsupport.TestMailServer;
import dev.quitto.testsupport.TestUsers;
import dev.quitto.testsupport.UnfinishedImports;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Acceptance item 17 of billing.md with real process deaths: a debts file is uploaded to a child JVM of the service
 * (on this JVM's PostgreSQL and data folder, {@link ChildInstances}), which runs the import up to a {@link CrashGate}
 * ({@link GatedDebtImportKind}) and is killed there with SIGKILL; a new child instance takes the import over once the lease has expired and completes the
 * same import id exactly once. BillingImportTakeOverIntegrationTests prove the take-over in process; the platform's
 * ImportCrashResumeIntegrationTests do the same kill for a test kind.
 * <p>
 * The children's clock stands one day after this JVM's test clocks, so the e-mail jobs they create are due for them
 * only: no test context of this JVM hands them over or sends them. This instance's import worker is held back, so the
 * children are the only instances that run imports. The test that needs the index rebuild (an import that at least
 * doubles the debts) runs first.
 */
@QuittoIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingCrashResumeIntegrationTests {

    private static final int ROWS = 200_000;
    /**
     * The checklist's number: on the shared 2-core build machine the 50,000 e-mails take about 2.5 minutes to reach
     * GreenMail (which runs in this JVM) with the throttle off, the whole test a little over 3 minutes.
     */
    private static final int MAILED_ROWS = 50_000;
    private static final Instant CHILD_CLOCK = TestClock.START.plus(Duration.ofDays(1));
    private static final Duration CHILD_WAIT = Duration.ofMinutes(4);
    private static final Path LOGS = Path.of("target", "billing-crash-resume");

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

    private ChildInstances children;
    private final List<UUID> imported = new ArrayList<>();
    private TestUsers.TestUser operator;
    private String p;

    @BeforeEach
    void holdBackThisInstance() {
        worker.stop();
        children = new ChildInstances(environment, CHILD_CLOCK, LOGS);
        operator = users.create(Role.OPERATOR);
        p = BillingTestSupport.unique();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        children.close();
        UnfinishedImports.abandonThoseUploadedBy(jdbc, operator.login());
        imported.forEach(id -> BillingTestSupport.dropUnsentMail(jdbc, id));
        worker.start();
        TestMailServer.forgetReceivedMessages();
    }

    @Test
    @Order(1)
    void anImportKilledWhileApplyingIsCompletedOnceByANewInstanceAndLeavesTheIndexesAsTheyWere() throws Exception {
        boolean doublesTheDebts = storedDebts() < ROWS;
        List<String> indexes = billingIndexes();
        Path file = BillingTestSupport.writeKanastraFile(folder.resolve("debts.csv"), ROWS, BillingTestSupport.sampleEmails());

        UUID id = uploadToAChildAndKillItAtItsGate(file, CrashGate.APPLYING,
                doublesTheDebts ? CrashGate.APPLYING_INDEXES_DROPPED : CrashGate.APPLYING);

        assertThat(billingIndexes()).as("index definitions after the kill").isEqualTo(indexes);
        startChild("resuming-" + p, false);
        awaitCompleted(id);
        assertCompletedOnce(id, ROWS);
        assertThat(billingIndexes()).as("index definitions after the resumed import").isEqualTo(indexes);
    }

    @Test
    @Order(2)
    void anImportKilledWhileParsingIsCompletedOnceByANewInstance() throws Exception {
        List<String> indexes = billingIndexes();
        Path file = BillingTestSupport.writeKanastraFile(folder.resolve("debts.csv"), ROWS, BillingTestSupport.sampleEmails());

        UUID id = uploadToAChildAndKillItAtItsGate(file, CrashGate.PARSING, CrashGate.PARSING);

        startChild("resuming-" + p, false);
        awaitCompleted(id);
        assertCompletedOnce(id, ROWS);
        assertThat(billingIndexes()).isEqualTo(indexes);
    }

    @Test
    @Order(3)
    void theDebtorsOfAnImportKilledWhileApplyingGetExactlyOneInvoiceMailEach() throws Exception {
        String domain = p + ".example.com";
        // GreenMail finds a recipient's mailbox by a linear scan over every mailbox it holds: restarted, it holds only these
        TestMailServer.stop();
        TestMailServer.start();
        Path file = BillingTestSupport.writeKanastraFile(folder.resolve("debts.csv"), MAILED_ROWS, i -> "d" + i + "@" + domain);
        UUID id = uploadToAChildAndKillItAtItsGate(file, CrashGate.APPLYING, null);

        startChild("resuming-" + p, true, "--quitto.mail.rate-per-second=1000000");
        awaitCompleted(id);
        assertCompletedOnce(id, MAILED_ROWS);

        // 50,000 messages to GreenMail take ~2.5 min on an idle 2-core machine; one shared with another suite took over 8.
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(2)).until(() -> sentMails(id) == MAILED_ROWS);
        List<MimeMessage> received = TestMailServer.messagesForDomain(domain);
        assertThat(received).hasSize(MAILED_ROWS);
        assertThat(received.stream().map(BillingCrashResumeIntegrationTests::recipient).distinct().count()).isEqualTo(MAILED_ROWS);
        assertThat(jdbc.sql("""
                        select count(*) from platform_mail m join billing_email e on m.business_key = 'billing:' || e.invoice_id || ':INVOICE'
                        where e.import_id = :id and m.attempts = 1""")
                .param("id", id).query(Long.class).single()).isEqualTo(MAILED_ROWS);
    }

    /** The import's INVOICE e-mails recorded SENT (polled here rather than GreenMail's store, whose every read parses each message). */
    private long sentMails(UUID id) {
        return jdbc.sql("""
                        select count(*) from platform_mail m join billing_email e on m.business_key = 'billing:' || e.invoice_id || ':INVOICE'
                        where e.import_id = :id and m.status = 'SENT'""")
                .param("id", id).query(Long.class).single();
    }

    /**
     * Starts a child whose import stops at {@code gate}, uploads {@code file} to it over HTTP, waits until the child stands
     * at the gate ({@code expectedStop}, when given, is where it must stand) and kills it with SIGKILL.
     */
    private UUID uploadToAChildAndKillItAtItsGate(Path file, String gate, String expectedStop) throws Exception {
        String name = "killed-" + p;
        try (CrashGate.Held held = CrashGate.hold(folder)) {
            int port = ChildInstances.freePort();
            List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--quitto.billing.mail.auto-startup=false"));
            arguments.addAll(held.arguments(DebtImportKind.NAME, gate, ROWS / 2));
            Process child = children.start(name, arguments);
            Http http = children.awaitServing(child, Http.on(port).basic(operator.login(), TestUsers.PASSWORD), BillingPaths.IMPORTS + "?size=1",
                    CHILD_WAIT);

            Http.Response accepted = http.header("Content-Type", "text/csv")
                    .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + BillingPaths.SEED_UPLOAD)).POST(HttpRequest.BodyPublishers.ofFile(file)));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            UUID id = UUID.fromString(accepted.json().get("id").asString());
            imported.add(id);

            String stoppedAt = held.awaitReached(children, child, CHILD_WAIT);
            if (expectedStop != null) {
                assertThat(stoppedAt).isEqualTo(expectedStop);
            }
            Map<String, Object> row = importRow(id);
            assertThat(row.get("status")).isEqualTo(gate.equals(CrashGate.PARSING) ? "PARSING" : "APPLYING");
            assertThat(row.get("lease_owner")).isEqualTo(name);
            if (stoppedAt.equals(CrashGate.PARSING)) {
                assertThat((Long) row.get("rows_read")).isPositive().isLessThan(ROWS);
            }
            if (stoppedAt.equals(CrashGate.APPLYING_INDEXES_DROPPED)) {
                assertThat(exclusivelyLockedBillingTables()).as("the child's apply holds the tables while their indexes are dropped")
                        .containsExactlyInAnyOrder("billing_debt", "billing_email", "billing_invoice");
            }

            children.kill(child);
            await().atMost(Duration.ofSeconds(30)).until(() -> exclusivelyLockedBillingTables().isEmpty());
            assertThat(debtsOf(id)).as("debts of the killed import").isZero();
            return id;
        }
    }

    private Process startChild(String name, boolean mail, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--quitto.billing.mail.auto-startup=" + mail));
        all.addAll(Arrays.asList(arguments));
        return children.start(name, all);
    }

    private void awaitCompleted(UUID id) {
        await().atMost(CHILD_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> importRow(id).get("status"), status -> "COMPLETED".equals(status) || "FAILED".equals(status));
    }

    private void assertCompletedOnce(UUID id, long rows) throws IOException {
        Map<String, Object> done = importRow(id);
        assertThat(done.get("status")).as("status, failure: " + done.get("failure_reason")).isEqualTo("COMPLETED");
        assertThat(done.get("attempts")).isEqualTo(2);
        assertThat(List.of(done.get("rows_read"), done.get("accepted"), done.get("duplicates"), done.get("rejected")))
                .containsExactly(rows, rows, 0L, 0L);
        assertThat(debtsOf(id)).isEqualTo(rows);
        assertThat(jdbc.sql("select count(distinct i.nosso_numero) from billing_invoice i join billing_debt d on d.id = i.debt_pk where d.import_id = :id")
                .param("id", id).query(Long.class).single()).isEqualTo(rows);
        assertThat(jdbc.sql("select count(*) from billing_email where import_id = :id and kind = 'INVOICE'").param("id", id)
                .query(Long.class).single()).isEqualTo(rows);
        for (Path log : List.of(children.log("killed-" + p), children.log("resuming-" + p))) {
            assertThat(Files.readString(log)).as("constraint violations in " + log.getFileName())
                    .doesNotContain("violates").doesNotContain("duplicate key");
        }
    }

    private Map<String, Object> importRow(UUID id) {
        return jdbc.sql("""
                        select status, lease_owner, rows_read, accepted, duplicates, rejected, attempts, failure_reason
                        from platform_import where id = :id""")
                .param("id", id).query().singleRow();
    }

    private long debtsOf(UUID id) {
        return jdbc.sql("select count(*) from billing_debt where import_id = :id").param("id", id).query(Long.class).single();
    }

    private long storedDebts() {
        return jdbc.sql("select count(*) from billing_debt").query(Long.class).single();
    }

    /** The billing tables' index definitions; read from the catalog, so never blocked by an apply's table locks. */
    private List<String> billingIndexes() {
        return jdbc.sql("""
                        select tablename || ' ' || indexname || ': ' || indexdef from pg_indexes
                        where schemaname = current_schema() and tablename like 'billing\\_%' order by tablename, indexname""")
                .query(String.class).list();
    }

    private List<String> exclusivelyLockedBillingTables() {
        return jdbc.sql("""
                        select distinct c.relname from pg_locks l join pg_class c on c.oid = l.relation
                        where l.mode = 'AccessExclusiveLock' and l.granted and c.relname in ('billing_debt', 'billing_invoice', 'billing_email')""")
                .query(String.class).list();
    }

    private static String recipient(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null || to.length == 0 ? "" : to[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
