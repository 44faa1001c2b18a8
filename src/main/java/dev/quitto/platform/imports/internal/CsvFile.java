package dev.quitto.platform.imports.internal;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A spooled CSV file read as records with FastCSV: UTF-8 BOM skipped, the file's charset decoded with bad bytes
 * marked (not thrown), CR, LF and CRLF line breaks, RFC 4180 quotes, empty and whitespace-only lines skipped.
 * Records come with the physical line they start on, or with the problem that makes them unreadable.
 */
final class CsvFile implements Closeable {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** One non-blank record: its fields, or the reason it cannot be read. */
    record Row(long line, List<String> fields, RecordGuard.@Nullable Flag problem) {
    }

    private final CountingInputStream counted;
    private final RecordGuard guard;
    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;

    private CsvFile(Path file, Charset charset, char separator, int maxRecordChars) throws IOException {
        InputStream raw = Files.newInputStream(file);
        counted = new CountingInputStream(raw);
        BufferedInputStream buffered = new BufferedInputStream(counted, 64 * 1024);
        skipBom(buffered);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(RecordGuard.MALFORMED));
        guard = new RecordGuard(new InputStreamReader(buffered, decoder), separator, maxRecordChars);
        reader = CsvReader.builder()
                .fieldSeparator(separator)
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .allowExtraCharsAfterClosingQuote(true)
                .allowUnclosedQuote(true)
                .maxBufferSize(Math.max(16 * 1024 * 1024, maxRecordChars * 4))
                .ofCsvRecord(guard);
        records = reader.iterator();
    }

    static CsvFile open(Path file, Charset charset, char separator, int maxRecordChars) {
        try {
            return new CsvFile(file, charset, separator, maxRecordChars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void skipBom(BufferedInputStream in) throws IOException {
        in.mark(UTF8_BOM.length);
        byte[] start = in.readNBytes(UTF8_BOM.length);
        if (start.length < UTF8_BOM.length || start[0] != UTF8_BOM[0] || start[1] != UTF8_BOM[1] || start[2] != UTF8_BOM[2]) {
            in.reset();
        }
    }

    /** The next non-blank record, or null at the end of the file. */
    @Nullable Row next() {
        while (records.hasNext()) {
            CsvRecord record = records.next();
            long emitted = record.getStartingLineNumber();
            RecordGuard.Flag problem = guard.take(emitted);
            if (problem == null && isBlank(record)) {
                continue;
            }
            return new Row(guard.physicalLine(emitted), record.getFields(), problem);
        }
        return null;
    }

    private static boolean isBlank(CsvRecord record) {
        return record.getFieldCount() == 1 && record.getField(0).isBlank();
    }

    /** Bytes of the file read so far (the decoder reads ahead, so this runs a little in front of the records). */
    long bytesRead() {
        return counted.count();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
