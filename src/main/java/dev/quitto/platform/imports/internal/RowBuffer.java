package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.StagingRow;
import java.sql.SQLException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** Collects what the kind's mapper says about one record: staging values, or rejections sent on to the error report. */
final class RowBuffer implements StagingRow {

    private final @Nullable CharSequence[] values;
    private final ErrorReport report;
    private long line;
    private int rejections;

    RowBuffer(int columns, ErrorReport report) {
        this.values = new CharSequence[columns];
        this.report = report;
    }

    void reset(long line) {
        this.line = line;
        this.rejections = 0;
        Arrays.fill(values, null);
    }

    @Override
    public StagingRow set(int column, @Nullable CharSequence value) {
        values[column] = value;
        return this;
    }

    @Override
    public void reject(String column, String reason, String message, @Nullable String value) {
        rejections++;
        report.add(line, column, reason, message, value);
    }

    boolean rejected() {
        return rejections > 0;
    }

    void writeTo(CopyWriter staging) throws SQLException {
        staging.value(line);
        for (CharSequence value : values) {
            staging.value(value);
        }
        staging.endRow();
    }
}
