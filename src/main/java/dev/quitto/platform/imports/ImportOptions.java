package dev.quitto.platform.imports;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How to read an uploaded file: its charset ({@code UTF-8} by default, or {@code windows-1252}) and its field
 * separator ({@code ,} or {@code ;}; null detects it from the header line).
 */
public record ImportOptions(Charset charset, @Nullable Character delimiter) {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public ImportOptions {
        if (!charset.equals(StandardCharsets.UTF_8) && !charset.equals(WINDOWS_1252)) {
            throw new InvalidImportOption("charset", "must be UTF-8 or windows-1252");
        }
        if (delimiter != null && delimiter != ',' && delimiter != ';') {
            throw new InvalidImportOption("delimiter", "must be , or ;");
        }
    }

    public static ImportOptions defaults() {
        return new ImportOptions(StandardCharsets.UTF_8, null);
    }

    /** Options from request parameters: {@code charset} (UTF-8 or windows-1252, any case) and {@code delimiter}. */
    public static ImportOptions of(@Nullable String charset, @Nullable String delimiter) {
        Charset chosen = StandardCharsets.UTF_8;
        if (charset != null && !charset.isBlank()) {
            chosen = switch (charset.strip().toLowerCase(Locale.ROOT)) {
                case "utf-8", "utf8" -> StandardCharsets.UTF_8;
                case "windows-1252", "cp1252" -> WINDOWS_1252;
                default -> throw new InvalidImportOption("charset", "must be UTF-8 or windows-1252, got " + charset.strip());
            };
        }
        Character separator = null;
        if (delimiter != null && !delimiter.isEmpty()) {
            if (delimiter.length() != 1) {
                throw new InvalidImportOption("delimiter", "must be , or ;");
            }
            separator = delimiter.charAt(0);
        }
        return new ImportOptions(chosen, separator);
    }

    /** The charset's name as the import resource shows it. */
    public String charsetName() {
        return charset.equals(WINDOWS_1252) ? "windows-1252" : "UTF-8";
    }
}
