package dev.quitto.platform.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A test-only import kind: people (id, name, e-mail, amount) upserted into {@code test_import_person} by their id,
 * so that a re-import is all duplicates. Optionally blocks on a file lock at a chosen point (a crash gate), so a
 * test can kill the process that runs it at a known moment.
 */
class PersonImportKind implements ImportKind {

    enum Gate { PARSING, APPLYING }

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,10}(\\.\\d{1,2})?");

    private final String name;
    private final List<ImportColumn> columns;
    private final JdbcClient jdbc;
    private final @Nullable Path gateFile;
    private final @Nullable Gate gate;
    private final long gateAfterRows;
    private long mapped;

    PersonImportKind(String name, String idColumn, String amountColumn, List<String> optional, JdbcClient jdbc,
                     @Nullable Path gateFile, @Nullable Gate gate, long gateAfterRows) {
        this.name = name;
        List<ImportColumn> all = new ArrayList<>(List.of(ImportColumn.required(idColumn), ImportColumn.required("name"),
                ImportColumn.required("email"), ImportColumn.required(amountColumn)));
        optional.forEach(column -> all.add(ImportColumn.optional(column)));
        this.columns = List.copyOf(all);
        this.jdbc = jdbc;
        this.gateFile = gateFile;
        this.gate = gate;
        this.gateAfterRows = gateAfterRows;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ImportColumn> columns() {
        return columns;
    }

    @Override
    public List<StagingColumn> stagingColumns() {
        return List.of(new StagingColumn("id", "text"), new StagingColumn("name", "text"), new StagingColumn("email", "text"),
                new StagingColumn("amount", "numeric(12,2)"));
    }

    @Override
    public void map(ImportRecord record, StagingRow row) {
        if (gate == Gate.PARSING && ++mapped == gateAfterRows) {
            waitAtGate();
        }
        String id = record.value(0);
        String person = record.value(1);
        String email = record.value(2);
        String amount = record.value(3);
        if (id.isEmpty()) {
            row.reject(record.columnName(0), "MISSING_VALUE", record.columnName(0) + " is required", id);
        } else if (id.length() > 64) {
            row.reject(record.columnName(0), "INVALID_ID", record.columnName(0) + " must have at most 64 characters", id);
        }
        if (person.isEmpty()) {
            row.reject(record.columnName(1), "MISSING_VALUE", "name is required", person);
        }
        if (email.indexOf('@') < 1) {
            row.reject(record.columnName(2), "INVALID_EMAIL", "email must contain @", email);
        }
        if (!AMOUNT.matcher(amount).matches()) {
            row.reject(record.columnName(3), "INVALID_AMOUNT", record.columnName(3) + " must be a plain decimal with at most 2 decimals", amount);
        }
        row.set(0, id).set(1, person).set(2, email).set(3, amount);
    }

    @Override
    public ApplyResult apply(ImportContext context) {
        long inserted = jdbc.sql("""
                        insert into test_import_person (id, name, email, amount, import_id)
                        select distinct on (id) id, name, email, amount, :importId from %s order by id, line_no
                        on conflict (id) do nothing
                        """.formatted(context.stagingTable()))
                .param("importId", context.importId()).update();
        if (gate == Gate.APPLYING) {
            waitAtGate();
        }
        return new ApplyResult(inserted, context.stagedRows() - inserted, 0);
    }

    /** Blocks until the test that holds the gate file's lock lets go of it (or this process is killed). */
    private void waitAtGate() {
        if (gateFile == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(gateFile, StandardOpenOption.WRITE)) {
            channel.lock().release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
