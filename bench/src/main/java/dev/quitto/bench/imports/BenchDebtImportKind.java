package dev.quitto.bench.imports;

import dev.quitto.platform.imports.ApplyResult;
import dev.quitto.platform.imports.ImportColumn;
import dev.quitto.platform.imports.ImportContext;
import dev.quitto.platform.imports.ImportKind;
import dev.quitto.platform.imports.ImportRecord;
import dev.quitto.platform.imports.StagingColumn;
import dev.quitto.platform.imports.StagingRow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The generic pipeline with a Kanastra-shaped kind: light per-field checks in the mapper, typed staging columns
 * (the same as the bare COPY's table), and a trivial apply that only counts and sums what was staged.
 */
public class BenchDebtImportKind implements ImportKind {

    public static final List<StagingColumn> STAGING = List.of(new StagingColumn("name", "text"), new StagingColumn("government_id", "text"),
            new StagingColumn("email", "text"), new StagingColumn("amount", "numeric(12,2)"), new StagingColumn("due_date", "date"),
            new StagingColumn("debt_id", "uuid"));

    private final JdbcClient jdbc;

    public BenchDebtImportKind(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "bench-debts";
    }

    @Override
    public List<ImportColumn> columns() {
        return List.of(ImportColumn.required("name"), ImportColumn.required("governmentId"), ImportColumn.required("email"),
                ImportColumn.required("debtAmount"), ImportColumn.required("debtDueDate"), ImportColumn.required("debtId"));
    }

    @Override
    public List<StagingColumn> stagingColumns() {
        return STAGING;
    }

    @Override
    public void map(ImportRecord record, StagingRow row) {
        String amount = record.value(3);
        String due = record.value(4);
        String debtId = record.value(5);
        if (amount.isEmpty() || !digitsAndDot(amount)) {
            row.reject("debtAmount", "INVALID_AMOUNT", "debtAmount must be a plain decimal", amount);
        }
        if (due.length() != 10 || due.charAt(4) != '-' || due.charAt(7) != '-') {
            row.reject("debtDueDate", "INVALID_DATE", "debtDueDate must be yyyy-MM-dd", due);
        }
        if (debtId.length() != 36) {
            row.reject("debtId", "INVALID_DEBT_ID", "debtId must be a UUID", debtId);
        }
        row.set(0, record.value(0)).set(1, record.value(1)).set(2, record.value(2)).set(3, amount).set(4, due).set(5, debtId);
    }

    private static boolean digitsAndDot(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    @Override
    public ApplyResult apply(ImportContext context) {
        Map<String, Object> found = jdbc.sql("select count(*) as rows, count(distinct line_no) as lines, coalesce(sum(amount), 0) as total from "
                + context.stagingTable()).query().singleRow();
        long rows = ((Number) found.get("rows")).longValue();
        long lines = ((Number) found.get("lines")).longValue();
        long total = ((BigDecimal) found.get("total")).longValueExact();
        return new ApplyResult(rows, 0, 0, Map.of("distinctLines", lines, "amountSum", total));
    }
}
