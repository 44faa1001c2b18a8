package dev.quitto.platform.imports.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sits between the decoder and FastCSV and follows FastCSV's own record state machine (RFC 4180 quotes, CR, LF
 * and CRLF as line breaks) one character ahead of it, so that what FastCSV cannot do for a single bad record
 * does not stop the import:
 * <ul>
 *   <li>a record longer than the limit is cut: the rest of it is dropped (FastCSV's buffer never grows past the
 *       limit) and the record is flagged {@code RECORD_TOO_LONG};</li>
 *   <li>a quote still open at the end of the input flags its record {@code UNTERMINATED_QUOTE}, with the number of
 *       lines it swallowed;</li>
 *   <li>a record holding a character the decoder could not read ({@link #MALFORMED}) is flagged {@code INVALID_ENCODING}.</li>
 * </ul>
 * FastCSV numbers lines as it sees them; lines dropped from a cut record are counted here, and
 * {@link #physicalLine(long)} turns FastCSV's line number back into the file's.
 */
final class RecordGuard extends Reader {

    /** What the decoder puts in place of bytes that are not valid in the charset: a lone surrogate no valid input yields. */
    static final char MALFORMED = '\uDFFF';

    enum Problem { INVALID_ENCODING, RECORD_TOO_LONG, UNTERMINATED_QUOTE }

    record Flag(Problem problem, long linesAfter) {
    }

    private static final char QUOTE = '"';
    private static final char CR = '\r';
    private static final char LF = '\n';

    private final Reader in;
    private final char separator;
    private final int maxRecordChars;
    private final char[] raw = new char[16 * 1024];
    private final StringBuilder pending = new StringBuilder();
    private int pendingStart;
    private char[] out = new char[0];
    private int outPos;
    private int outEnd;

    private boolean inQuotes;
    private boolean quotedField;
    private boolean dataField;
    private boolean lastCr;
    private boolean eof;

    private long physicalLine = 1;
    private long droppedLines;
    private long recordStart = 1;
    private long recordStartEmitted = 1;
    private int recordChars;
    private boolean recordMalformed;
    private boolean cutting;
    private boolean quoteOpenAtCut;

    private final TreeMap<Long, Long> droppedBefore = new TreeMap<>();
    private final Map<Long, Flag> flags = new HashMap<>();

    RecordGuard(Reader in, char separator, int maxRecordChars) {
        this.in = in;
        this.separator = separator;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        out = buffer;
        outPos = offset;
        outEnd = offset + length;
        while (outPos == offset) {
            while (pendingStart < pending.length() && outPos < outEnd) {
                buffer[outPos++] = pending.charAt(pendingStart++);
            }
            if (pendingStart == pending.length()) {
                pending.setLength(0);
                pendingStart = 0;
            }
            if (outPos > offset) {
                break;
            }
            if (eof) {
                return -1;
            }
            int n = in.read(raw, 0, Math.min(raw.length, length));
            if (n < 0) {
                endOfInput();
                eof = true;
                continue;
            }
            for (int i = 0; i < n; i++) {
                step(raw[i]);
            }
        }
        return outPos - offset;
    }

    private void emit(char c) {
        if (pending.isEmpty() && outPos < outEnd) {
            out[outPos++] = c;
        } else {
            pending.append(c);
        }
    }

    /** Advances the state machine by one character and hands it to FastCSV unless it belongs to a cut record's dropped rest. */
    private void step(char c) {
        if (!inQuotes && (c == CR || c == LF)) {
            if (c == LF && lastCr) {
                lastCr = false;
                emit(c);
                return;
            }
            endRecord();
            emit(c);
            lastCr = c == CR;
            physicalLine++;
            return;
        }
        if (recordChars == 0) {
            recordStart = physicalLine;
            recordStartEmitted = physicalLine - droppedLines;
        }
        recordChars++;
        if (c == MALFORMED) {
            recordMalformed = true;
        }
        if (!cutting && recordChars > maxRecordChars) {
            cutting = true;
            quoteOpenAtCut = inQuotes;
            flag(recordStartEmitted, new Flag(Problem.RECORD_TOO_LONG, 0));
        }
        if (inQuotes) {
            if (c == QUOTE) {
                inQuotes = false;
                lastCr = false;
            } else if (c == CR) {
                lastCr = true;
                newlineInsideRecord();
            } else if (c == LF) {
                if (lastCr) {
                    lastCr = false;
                } else {
                    newlineInsideRecord();
                }
            }
        } else {
            lastCr = false;
            if (c == separator) {
                quotedField = false;
                dataField = false;
            } else if (c == QUOTE && !dataField) {
                inQuotes = true;
                quotedField = true;
            } else if (!quotedField) {
                dataField = true;
            }
        }
        if (!cutting) {
            emit(c);
        }
    }

    private void newlineInsideRecord() {
        physicalLine++;
        if (cutting) {
            droppedLines++;
        }
    }

    /**
     * The current record ends (its terminator comes next). A record cut while FastCSV saw it inside quotes gets
     * a closing quote first, so that FastCSV ends it at the same terminator.
     */
    private void endRecord() {
        if (recordChars > 0 && recordMalformed) {
            flag(recordStartEmitted, new Flag(Problem.INVALID_ENCODING, 0));
        }
        if (cutting) {
            if (quoteOpenAtCut) {
                emit(QUOTE);
            }
            droppedBefore.put(physicalLine + 1 - droppedLines, droppedLines);
        }
        resetRecord();
    }

    private void endOfInput() {
        if (recordChars > 0 || inQuotes) {
            if (inQuotes) {
                flag(recordStartEmitted, new Flag(Problem.UNTERMINATED_QUOTE, physicalLine - recordStart));
            } else if (recordMalformed) {
                flag(recordStartEmitted, new Flag(Problem.INVALID_ENCODING, 0));
            }
        }
        resetRecord();
    }

    private void resetRecord() {
        inQuotes = false;
        quotedField = false;
        dataField = false;
        recordChars = 0;
        recordMalformed = false;
        cutting = false;
        quoteOpenAtCut = false;
    }

    private void flag(long emittedLine, Flag flag) {
        flags.merge(emittedLine, flag, (old, added) -> old.problem().ordinal() >= added.problem().ordinal() ? old : added);
    }

    /** The file's line number of the record FastCSV reports as starting on {@code emittedLine}. */
    long physicalLine(long emittedLine) {
        Map.Entry<Long, Long> entry = droppedBefore.floorEntry(emittedLine);
        return entry == null ? emittedLine : emittedLine + entry.getValue();
    }

    /** The problem found in the record FastCSV reports as starting on {@code emittedLine}, once. */
    Flag take(long emittedLine) {
        return flags.remove(emittedLine);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
