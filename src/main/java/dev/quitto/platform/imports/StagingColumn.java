package dev.quitto.platform.imports;

import java.util.regex.Pattern;

/**
 * A column of a kind's staging table, e.g. {@code new StagingColumn("amount", "numeric(12,2)")}. Values reach it
 * through {@code COPY} in text form, so the mapper must hand over text the type accepts.
 */
public record StagingColumn(String name, String sqlType) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_ (),\\[\\]]{0,63}");

    public StagingColumn {
        if (!IDENTIFIER.matcher(name).matches() || "line_no".equals(name)) {
            throw new IllegalArgumentException("staging column name must be a lower-case SQL identifier other than line_no: " + name);
        }
        if (!TYPE.matcher(sqlType).matches()) {
            throw new IllegalArgumentException("not a plain SQL type: " + sqlType);
        }
    }
}
