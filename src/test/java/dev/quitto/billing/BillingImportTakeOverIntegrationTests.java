package dev.quitto.billing;

import static dev.quitto.billing.BillingTestSupport.HEADER;
import static dev.quitto.billing.BillingTestSupport.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.platform.imports.internal.ImportWorker;
import dev.quitto.platform.security.Role;
import dev.quitto.testsupport.Http;
import dev.quitto.testsupport.QuittoIntegrationTest;
import dev.quitto.testsupport.TestUsers;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance item 17 of billing.md, in process: an import whose worker died in PARSING (half a staging table, nosso
 * números already taken) or in APPLYING (the apply transaction rolled back) is taken over once its lease has expired,
 * re-parsed from the top of its spool file and applied once: every debt, invoice and INVOICE job exactly once, counts
 * equal to an uninterrupted run. The platform's own kill -9 tests (ImportCrashResumeIntegrationTests) show that a real
 * process death leaves exactly this state.
 */
@QuittoIntegrationTest
class BillingImportTakeOverIntegrationTests {

    private static final int ROWS = 20_000;

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportWorker worker;

    @Autowired
    NossoNumeros nossoNumeros;

    BillingTestSupport billing;
    String p;

    @BeforeEach
    void holdBackTheWorker() {
        billing = new BillingTestSupport(Http.on(port).basic(users.create(Role.OPERATOR).login(), TestUsers.PASSWORD), port);
        p = BillingTestSupport.unique();
        worker.stop();
    }

    @AfterEach
    void restartTheWorker() {
        worker.start();
    }

    @ParameterizedTest(name = "worker died in {0}")
    @ValueSource(strings = {"PARSING", "APPLYING"})
    void anImportWhoseWorkerDiedIsCompletedOnceByAnotherAttempt(String diedIn) {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < ROWS; i++) {
            file.append("Ana Souza,9558,ana@example.com,").append(1000 + i % 9000).append(",2024-01-19,").append(p).append('-').append(i).append('\n');
        }
        file.append("Ana Souza,9558,ana@example.com,1000,2024-01-19,").append(p).append("-0\n");
        Http.Response accepted = billing.uploadRaw(BillingPaths.IMPORTS, file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        UUID id = UUID.fromString(accepted.json().get("id").asString());
        String staging = "platform_import_stage_" + id.toString().replace("-", "");
        jdbc.sql("create unlogged table " + staging + " (line_no bigint not null, debt_id text)").update();
        jdbc.sql("insert into " + staging + " select n, 'half-parsed-' || n from generate_series(2, 5000) n").update();
        for (int i = 0; i < 500; i++) {
            nossoNumeros.next();
        }
        jdbc.sql("""
                update platform_import set status = :status, lease_owner = 'died-instance', lease_until = now() - interval '1 minute',
                    attempts = 1, rows_read = 4999, started_at = now() - interval '2 minutes' where id = :id""")
                .param("status", diedIn).param("id", id).update();

        worker.start();
        JsonNode done = billing.awaitCompleted(id.toString());

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(count(done, "rowsRead")).isEqualTo(ROWS + 1);
        assertThat(count(done, "accepted")).isEqualTo(ROWS);
        assertThat(count(done, "duplicates")).isEqualTo(1);
        assertThat(count(done, "rejected")).isZero();
        assertThat(jdbc.sql("select count(*) from billing_debt where import_id = :id").param("id", id).query(Long.class).single()).isEqualTo(ROWS);
        assertThat(jdbc.sql("""
                        select count(distinct i.nosso_numero) from billing_invoice i join billing_debt d on d.id = i.debt_pk where d.import_id = :id""")
                .param("id", id).query(Long.class).single()).isEqualTo(ROWS);
        assertThat(jdbc.sql("select count(*) from billing_email where import_id = :id and kind = 'INVOICE'").param("id", id)
                .query(Long.class).single()).isEqualTo(ROWS);
        assertThat(jdbc.sql("select count(*) from pg_class where relname = :staging").param("staging", staging).query(Long.class).single()).isZero();
    }
}
