package dev.quitto.platform.imports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The import resource, as every module shows it under its own path. {@code counts} holds {@code rowsRead},
 * {@code accepted}, {@code duplicates}, {@code rejected} and the kind's own counters; once {@code COMPLETED},
 * {@code rowsRead = accepted + duplicates + rejected}. {@code percent} is bytes parsed / size x 90 while
 * {@code PARSING}, 90 while {@code APPLYING}, 100 when {@code COMPLETED}. {@code errorReportPurgedAt} is set once the
 * daily purge deleted the error report ({@code quitto.imports.error-report-retention} after the import finished): from
 * then on the report is empty while the counts stay.
 */
public record ImportView(UUID id, String kind, ImportStatus status, String fileName, long sizeBytes, String sha256,
                         String delimiter, String charset, OffsetDateTime createdAt, @Nullable OffsetDateTime startedAt,
                         @Nullable OffsetDateTime finishedAt, Progress progress, Map<String, Long> counts,
                         List<String> ignoredColumns, @Nullable String failureReason,
                         @Nullable OffsetDateTime errorReportPurgedAt, Map<String, String> links) {

    public record Progress(int percent, long bytesRead, long rowsRead) {
    }
}
