package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.ImportStatus;
import dev.quitto.platform.imports.ImportView;
import dev.quitto.platform.time.BusinessTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code platform_import}. */
record ImportRow(UUID id, String kind, ImportStatus status, String fileName, long sizeBytes, String sha256, String spoolPath,
                 char delimiter, String charset, @Nullable String uploadedBy, Instant createdAt, @Nullable Instant startedAt,
                 @Nullable Instant finishedAt, long bytesRead, long rowsRead, long accepted, long duplicates, long rejected,
                 Map<String, Long> extraCounts, long errorEntries, List<String> ignoredColumns, int attempts,
                 @Nullable String leaseOwner, @Nullable String failureReason, @Nullable Instant errorReportPurgedAt) {

    ImportView toView(String basePath) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rowsRead", rowsRead);
        counts.put("accepted", accepted);
        counts.put("duplicates", duplicates);
        counts.put("rejected", rejected);
        extraCounts.forEach(counts::putIfAbsent);
        String self = basePath + "/" + id;
        return new ImportView(id, kind, status, fileName, sizeBytes, sha256, String.valueOf(delimiter), charset,
                BusinessTime.render(createdAt), startedAt == null ? null : BusinessTime.render(startedAt),
                finishedAt == null ? null : BusinessTime.render(finishedAt),
                new ImportView.Progress(percent(), status == ImportStatus.COMPLETED ? sizeBytes : bytesRead, rowsRead),
                counts, ignoredColumns, failureReason, errorReportPurgedAt == null ? null : BusinessTime.render(errorReportPurgedAt), links(self));
    }

    private static Map<String, String> links(String self) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", self);
        links.put("errors", self + "/errors");
        return links;
    }

    private int percent() {
        return switch (status) {
            case QUEUED -> 0;
            case PARSING -> sizeBytes == 0 ? 0 : (int) Math.min(89, bytesRead * 90 / sizeBytes);
            case APPLYING -> 90;
            case COMPLETED -> 100;
            case FAILED -> sizeBytes == 0 ? 0 : (int) Math.min(99, bytesRead * 90 / sizeBytes);
        };
    }
}
