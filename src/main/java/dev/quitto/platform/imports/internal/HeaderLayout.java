package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.DuplicateColumns;
import dev.quitto.platform.imports.EmptyFile;
import dev.quitto.platform.imports.ImportColumn;
import dev.quitto.platform.imports.ImportKind;
import dev.quitto.platform.imports.MissingColumns;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a kind's columns sit in a file: the header (its first non-blank record) read with the given separator, or
 * with whichever of {@code ,} and {@code ;} yields every required column. Names are compared trimmed and
 * case-insensitively; columns the kind does not know are listed as ignored.
 *
 * @param positions for each of the kind's columns, its field index in the file, or -1 when an optional column is absent
 */
record HeaderLayout(char separator, long headerLine, int fieldCount, int[] positions, List<String> ignoredColumns) {

    private static final char[] CANDIDATES = {',', ';'};

    /** Reads and checks the header; refuses the file (empty, missing or duplicate columns) before anything is stored. */
    static HeaderLayout read(Path file, Charset charset, @Nullable Character separator, ImportKind kind, int maxRecordChars) {
        if (separator != null) {
            return resolve(header(file, charset, separator, maxRecordChars), separator, kind, true);
        }
        CsvFile.Row bestRow = null;
        char bestSeparator = CANDIDATES[0];
        int bestFound = -1;
        for (char candidate : CANDIDATES) {
            CsvFile.Row row = header(file, charset, candidate, maxRecordChars);
            HeaderLayout layout = resolve(row, candidate, kind, false);
            int found = layout.requiredFound(kind);
            if (found == requiredCount(kind)) {
                return resolve(row, candidate, kind, true);
            }
            if (found > bestFound || bestRow == null) {
                bestFound = found;
                bestRow = row;
                bestSeparator = candidate;
            }
        }
        return resolve(bestRow, bestSeparator, kind, true);
    }

    private static CsvFile.Row header(Path file, Charset charset, char separator, int maxRecordChars) {
        try (CsvFile csv = CsvFile.open(file, charset, separator, maxRecordChars)) {
            CsvFile.Row row = csv.next();
            if (row == null) {
                throw new EmptyFile();
            }
            return row;
        }
    }

    /** The layout for {@code row}; with {@code strict}, refuses missing or duplicate columns. */
    private static HeaderLayout resolve(CsvFile.Row row, char separator, ImportKind kind, boolean strict) {
        List<String> names = row.fields().stream().map(name -> name.replace(String.valueOf(RecordGuard.MALFORMED), "\uFFFD").strip()).toList();
        Map<String, Integer> byKey = new LinkedHashMap<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String key = names.get(i).toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            if (byKey.putIfAbsent(key, i) != null) {
                duplicates.add(names.get(i));
            }
        }
        int[] positions = new int[kind.columns().size()];
        List<String> missing = new ArrayList<>();
        Set<Integer> used = new LinkedHashSet<>();
        for (int c = 0; c < positions.length; c++) {
            ImportColumn column = kind.columns().get(c);
            Integer position = byKey.get(column.key());
            positions[c] = position == null ? -1 : position;
            if (position == null && column.required()) {
                missing.add(column.name());
            }
            if (position != null) {
                used.add(position);
            }
        }
        if (!duplicates.isEmpty() && strict) {
            throw new DuplicateColumns(List.copyOf(duplicates));
        }
        if (!missing.isEmpty()) {
            if (strict) {
                throw new MissingColumns(missing, names);
            }
            return new HeaderLayout(separator, row.line(), names.size(), positions, List.of());
        }
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!used.contains(i) && !names.get(i).isEmpty()) {
                ignored.add(names.get(i));
            }
        }
        return new HeaderLayout(separator, row.line(), names.size(), positions, List.copyOf(ignored));
    }

    private int requiredFound(ImportKind kind) {
        int found = 0;
        for (int c = 0; c < positions.length; c++) {
            if (positions[c] >= 0 && kind.columns().get(c).required()) {
                found++;
            }
        }
        return found;
    }

    private static int requiredCount(ImportKind kind) {
        return (int) kind.columns().stream().filter(ImportColumn::required).count();
    }
}
