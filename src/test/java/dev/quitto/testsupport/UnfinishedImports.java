package dev.quitto.testsupport;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Clean-up for tests that kill or hold back the instances running an import: an import such a test leaves queued or
 * half done would be taken over by the next instance on this JVM's database, keep the next test's import waiting
 * behind it and mail its debtors. It is marked FAILED, as an instance giving up on it would.
 */
public final class UnfinishedImports {

    private static final String FAIL = """
            update platform_import set status = 'FAILED', failure_reason = 'left unfinished by a test that failed',
                finished_at = now(), lease_owner = null, lease_until = null
            where status not in ('COMPLETED', 'FAILED') and\s""";

    private UnfinishedImports() {
    }

    public static void abandon(JdbcClient jdbc, UUID id) {
        jdbc.sql(FAIL + "id = :id").param("id", id).update();
    }

    /** Every unfinished import {@code login} uploaded, including one whose upload answer the test never read. */
    public static void abandonThoseUploadedBy(JdbcClient jdbc, String login) {
        jdbc.sql(FAIL + "uploaded_by = :login").param("login", login).update();
    }
}
