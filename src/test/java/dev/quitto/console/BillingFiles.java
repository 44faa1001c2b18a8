package dev.quitto.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Debts files for console tests, in the shape of the Kanastra sample (the test resource copy of
 * {@code shared/data/kanastra/input_head_10787rows.csv}): its rows with debtIds of this test's own, since every test
 * class shares one database.
 */
final class BillingFiles {

    static final String HEADER = "name,governmentId,email,debtAmount,debtDueDate,debtId";
    private static final List<String> SAMPLE = sample();

    private BillingFiles() {
    }

    /** A prefix that makes a file's debtIds this test's own. */
    static String unique() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The sample's first {@code rows} data rows (at most 10,787), debtId {@code prefix-1}, {@code prefix-2}, … */
    static List<String> rows(String prefix, int rows) {
        return java.util.stream.IntStream.range(0, rows).mapToObj(i -> {
            String line = SAMPLE.get(i);
            return line.substring(0, line.lastIndexOf(',') + 1) + prefix + "-" + (i + 1);
        }).toList();
    }

    /** The header and {@code lines}, LF line endings. */
    static byte[] csv(List<String> lines) {
        return (HEADER + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code rows} sample rows, then one row of each outcome besides acceptance: an exact repeat of row 1 (a
     * duplicate), row 2 with another amount (a conflict) and a row with a zero amount (rejected). So the import
     * ends with accepted {@code rows}, duplicates 1, conflicts 1, rejected 2.
     */
    static byte[] withEveryOutcome(String prefix, int rows) {
        List<String> lines = new java.util.ArrayList<>(rows(prefix, rows));
        lines.add(lines.get(0));
        String second = lines.get(1);
        String[] fields = second.split(",");
        fields[3] = fields[3].equals("1000") ? "1001" : "1000";
        lines.add(String.join(",", fields));
        lines.add("Zero Amount,1234,zero@example.com,0,2024-01-19," + prefix + "-zero");
        return csv(lines);
    }

    private static List<String> sample() {
        try (InputStream in = BillingFiles.class.getResourceAsStream("/imports/kanastra_input_head_10787rows.csv")) {
            if (in == null) {
                throw new IllegalStateException("the test resource imports/kanastra_input_head_10787rows.csv is missing");
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
