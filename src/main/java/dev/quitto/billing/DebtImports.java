package dev.quitto.billing;

import dev.quitto.platform.imports.ImportOptions;
import dev.quitto.platform.imports.ImportView;
import dev.quitto.platform.imports.Imports;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepting debt files (the one service behind {@code POST /billing} and {@code POST /api/v1/billing/imports}): the
 * platform spools and queues the file; an {@code Idempotency-Key} with the same content answers with the first import
 * and stores nothing, with other content it is 422.
 */
@Service("billingDebtImports")
class DebtImports {

    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");
    /** billing.md 4.1: the separator is always a comma (a `;` file lacks the required columns). */
    private static final ImportOptions COMMA = new ImportOptions(java.nio.charset.StandardCharsets.UTF_8, ',');

    private final Imports imports;
    private final DebtImportKind kind;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DebtImports(Imports imports, DebtImportKind kind, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.imports = imports;
        this.kind = kind;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    ImportView accept(HttpServletRequest request, String caller, @Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return imports.accept(kind, request, COMMA, BillingPaths.IMPORTS);
        }
        if (!VALID_KEY.matcher(idempotencyKey).matches()) {
            throw new Refusal(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to 255 printable ASCII characters.");
        }
        ImportView result = transaction.execute(status -> {
            ImportView accepted = imports.accept(kind, request, COMMA, BillingPaths.IMPORTS);
            int claimed = jdbc.sql("""
                            insert into billing_upload_key (caller, key, sha256, import_id, created_at) values (:caller, :key, :sha, :id, :now)
                            on conflict do nothing""")
                    .param("caller", caller).param("key", idempotencyKey).param("sha", accepted.sha256()).param("id", accepted.id())
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
            if (claimed == 1) {
                return accepted;
            }
            status.setRollbackOnly();
            Earlier first = jdbc.sql("select sha256, import_id from billing_upload_key where caller = :caller and key = :key")
                    .param("caller", caller).param("key", idempotencyKey).query(Earlier.class).single();
            if (!first.sha256().equals(accepted.sha256())) {
                throw new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCodes.IDEMPOTENCY_KEY_REUSED,
                        "Idempotency-Key " + idempotencyKey + " was used for another file.");
            }
            return find(first.importId().toString());
        });
        if (result == null) {
            throw new IllegalStateException("the upload transaction returned nothing");
        }
        return result;
    }

    private record Earlier(String sha256, UUID importId) {
    }

    ImportView find(String id) {
        return imports.find(DebtImportKind.NAME, id, BillingPaths.IMPORTS);
    }
}
