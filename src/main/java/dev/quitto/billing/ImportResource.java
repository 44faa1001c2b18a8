package dev.quitto.billing;

import dev.quitto.platform.imports.ImportStatus;
import dev.quitto.platform.imports.ImportView;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The import resource of billing.md 3: the platform's import view with billing's links, and when the platform's daily
 * purge deleted its error report ({@code errorReportPurgedAt}, null until then).
 */
record ImportResource(UUID id, ImportStatus status, String fileName, long sizeBytes, String sha256, OffsetDateTime createdAt,
                      @Nullable OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt, Progress progress,
                      Map<String, Long> counts, List<String> ignoredColumns, @Nullable String failureReason,
                      @Nullable OffsetDateTime errorReportPurgedAt, Map<String, String> links) {

    record Progress(int percent, long bytesRead) {
    }

    static ImportResource of(ImportView view) {
        Map<String, String> links = new LinkedHashMap<>(view.links());
        links.put("debts", BillingPaths.DEBTS + "?importId=" + view.id());
        return new ImportResource(view.id(), view.status(), view.fileName(), view.sizeBytes(), view.sha256(), view.createdAt(),
                view.startedAt(), view.finishedAt(), new Progress(view.progress().percent(), view.progress().bytesRead()),
                view.counts(), view.ignoredColumns(), view.failureReason(), view.errorReportPurgedAt(), links);
    }
}
