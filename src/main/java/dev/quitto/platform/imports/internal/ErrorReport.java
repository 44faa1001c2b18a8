package dev.quitto.platform.imports.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * The error report of one parse: entries go to {@code platform_import_error} through their own {@code COPY}
 * (opened at the first entry), up to the cap; every entry is counted, stored or not.
 */
final class ErrorReport implements AutoCloseable {

    static final int MAX_VALUE = 200;

    private final DataSource dataSource;
    private final String importIdText;
    private final long cap;
    private @Nullable Connection connection;
    private @Nullable CopyWriter copy;
    private long entries;
    private long stored;

    ErrorReport(DataSource dataSource, UUID importId, long cap) {
        this.dataSource = dataSource;
        this.importIdText = importId.toString();
        this.cap = cap;
    }

    void add(long line, @Nullable String column, String reason, String message, @Nullable String value) {
        entries++;
        if (stored >= cap) {
            return;
        }
        stored++;
        try {
            CopyWriter writer = writer();
            writer.value(importIdText).value(line).value(entries).value(column).value(reason).value(message).value(excerpt(value));
            writer.endRow();
        } catch (SQLException e) {
            throw new ImportRun.DatabaseTrouble(e);
        }
    }

    static @Nullable String excerpt(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String clean = value.replace(RecordGuard.MALFORMED, '\uFFFD');
        if (clean.length() <= MAX_VALUE) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(MAX_VALUE - 1)) ? MAX_VALUE - 1 : MAX_VALUE;
        return clean.substring(0, end);
    }

    private CopyWriter writer() throws SQLException {
        if (copy == null) {
            connection = dataSource.getConnection();
            copy = new CopyWriter(connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy platform_import_error (import_id, line_no, seq, column_name, reason, message, value) from stdin"""), 256 * 1024);
        }
        return copy;
    }

    /** Ends the COPY, storing the entries. */
    void finish() {
        try {
            if (copy != null) {
                copy.finish();
            }
        } catch (SQLException e) {
            throw new ImportRun.DatabaseTrouble(e);
        }
    }

    long entries() {
        return entries;
    }

    long stored() {
        return stored;
    }

    @Override
    public void close() {
        if (copy != null) {
            copy.cancel();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new ImportRun.DatabaseTrouble(e);
            }
        }
    }
}
