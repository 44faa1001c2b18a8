package dev.quitto.platform.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record layer under FastCSV: physical line numbers, and bad records flagged instead of stopping the file. */
class CsvFileTests {

    @TempDir
    Path folder;

    @Test
    void numbersRecordsByThePhysicalLineTheyStartOnAcrossCrLfMixedEndingsAndQuotedLineBreaks() throws IOException {
        List<CsvFile.Row> rows = read("h1,h2\r\na,b\n\n   \r\nc,\"x\r\ny\"\nd,e", 1000);

        assertThat(rows).extracting(CsvFile.Row::line).containsExactly(1L, 2L, 5L, 7L);
        assertThat(rows.get(2).fields()).containsExactly("c", "x\r\ny");
        assertThat(rows.get(3).fields()).containsExactly("d", "e");
    }

    @Test
    void flagsAnUnterminatedQuoteAtItsStartLineWithTheLinesItSwallowed() throws IOException {
        List<CsvFile.Row> rows = read("h1,h2\na,b\nc,\"xx\nd,e\nf,g\n", 1000);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).line()).isEqualTo(3);
        assertThat(rows.get(2).problem()).isEqualTo(new RecordGuard.Flag(RecordGuard.Problem.UNTERMINATED_QUOTE, 3));
    }

    @Test
    void cutsARecordLongerThanTheLimitAndKeepsReadingWithCorrectLineNumbers() throws IOException {
        String longQuoted = "\"" + "x\n".repeat(300) + "\"";
        List<CsvFile.Row> rows = read("h1,h2\na,b\nc," + longQuoted + "\nd,e\nf," + "y".repeat(500) + "\ng,h\n", 100);

        assertThat(rows).extracting(CsvFile.Row::line).containsExactly(1L, 2L, 3L, 304L, 305L, 306L);
        assertThat(rows.get(2).problem().problem()).isEqualTo(RecordGuard.Problem.RECORD_TOO_LONG);
        assertThat(rows.get(3).fields()).containsExactly("d", "e");
        assertThat(rows.get(3).problem()).isNull();
        assertThat(rows.get(4).problem().problem()).isEqualTo(RecordGuard.Problem.RECORD_TOO_LONG);
        assertThat(rows.get(5).fields()).containsExactly("g", "h");
    }

    @Test
    void flagsOnlyTheRecordHoldingInvalidUtf8() throws IOException {
        byte[] bad = {'a', ',', (byte) 0xC3, (byte) 0x28, '\n'};
        Path file = folder.resolve("bad.csv");
        Files.write(file, concat("h1,h2\n".getBytes(StandardCharsets.UTF_8), bad, "b,Jo\u00e3o\n".getBytes(StandardCharsets.UTF_8)));

        List<CsvFile.Row> rows = read(file, 1000);

        assertThat(rows.get(1).problem().problem()).isEqualTo(RecordGuard.Problem.INVALID_ENCODING);
        assertThat(rows.get(2).problem()).isNull();
        assertThat(rows.get(2).fields()).containsExactly("b", "Jo\u00e3o");
    }

    @Test
    void skipsALeadingByteOrderMark() throws IOException {
        Path file = folder.resolve("bom.csv");
        Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "h1,h2\na,b".getBytes(StandardCharsets.UTF_8)));

        assertThat(read(file, 1000).getFirst().fields()).containsExactly("h1", "h2");
    }

    private List<CsvFile.Row> read(String content, int maxRecordChars) throws IOException {
        Path file = folder.resolve("file.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return read(file, maxRecordChars);
    }

    private static List<CsvFile.Row> read(Path file, int maxRecordChars) {
        List<CsvFile.Row> rows = new ArrayList<>();
        try (CsvFile csv = CsvFile.open(file, StandardCharsets.UTF_8, ',', maxRecordChars)) {
            for (CsvFile.Row row = csv.next(); row != null; row = csv.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
