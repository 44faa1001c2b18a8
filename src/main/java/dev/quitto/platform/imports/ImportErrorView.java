package dev.quitto.platform.imports;

import org.jspecify.annotations.Nullable;

/** One entry of an import's error report: the physical line where the record starts (header = 1), the column, why. */
public record ImportErrorView(long line, @Nullable String column, String reason, String message, @Nullable String value) {
}
