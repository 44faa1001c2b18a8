package dev.quitto.platform.imports;

import java.util.Locale;

/** A header column a kind reads, by name (matched trimmed and case-insensitively). */
public record ImportColumn(String name, boolean required) {

    public ImportColumn {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a column needs a name");
        }
    }

    public static ImportColumn required(String name) {
        return new ImportColumn(name, true);
    }

    public static ImportColumn optional(String name) {
        return new ImportColumn(name, false);
    }

    /** The name as headers are compared: trimmed, lower-case. */
    public String key() {
        return key(name);
    }

    static String key(String headerName) {
        return headerName.strip().toLowerCase(Locale.ROOT);
    }
}
