package dev.quitto.platform.imports;

import dev.quitto.platform.imports.internal.ImportService;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The platform's CSV imports as modules use them from their controllers: accept an upload (202 + Location is
 * the controller's part), show the import resource and its error report under the module's own path.
 */
@Component
public class Imports {

    private final ImportService service;

    Imports(ImportService service) {
        this.service = service;
    }

    /**
     * Streams {@code body} to the spool folder (SHA-256 and size on the way), checks the header against
     * {@code kind}, records the import as {@code QUEUED} and wakes a worker once the caller's transaction (if any)
     * commits. Refuses with 400 {@code empty-file}, {@code missing-columns}, {@code duplicate-columns} or 413
     * {@code file-too-large}, storing nothing.
     */
    public ImportView accept(ImportKind kind, InputStream body, @Nullable String fileName, ImportOptions options, String basePath) {
        return service.accept(kind, body, fileName, options, basePath);
    }

    /**
     * Accepts the file of an upload request: the multipart part {@code file}, or the raw body ({@code text/csv},
     * {@code application/octet-stream}); 400 {@code missing-file} when there is neither.
     */
    public ImportView accept(ImportKind kind, HttpServletRequest request, ImportOptions options, String basePath) {
        return service.accept(kind, request, options, basePath);
    }

    /** The import {@code id} (text from a path) of {@code kind} (null: any kind); 400 {@code invalid-id}, 404 {@code not-found}. */
    public ImportView find(@Nullable String kind, String id, String basePath) {
        return service.find(kind, parseId(id), basePath);
    }

    /** Imports, newest first, optionally of one kind and one status. */
    public Paged<ImportView> list(@Nullable String kind, @Nullable ImportStatus status, PageQuery page, UriComponentsBuilder self, String basePath) {
        return service.list(kind, status, page, self, basePath);
    }

    /** One page of the error report, in file order. */
    public Paged<ImportErrorView> errors(@Nullable String kind, String id, PageQuery page, UriComponentsBuilder self) {
        return service.errors(kind, parseId(id), page, self);
    }

    /**
     * How many entries of the stored error report carry each reason ({@code CONFLICT_IN_FILE}: 3), most frequent
     * first; entries beyond {@code quitto.imports.max-error-entries} are not stored and not counted.
     */
    public Map<String, Long> errorsByReason(@Nullable String kind, String id) {
        return service.errorsByReason(kind, parseId(id));
    }

    /** Writes the whole error report as CSV ({@code line,column,reason,message,value}, RFC 4180, UTF-8), streamed. */
    public void writeErrorsCsv(@Nullable String kind, String id, OutputStream out) {
        service.writeErrorsCsv(kind, parseId(id), out);
    }

    /** Checks that the import exists before a streamed answer starts (after which a 404 can no longer be sent). */
    public void requireExists(@Nullable String kind, String id) {
        service.find(kind, parseId(id), "");
    }

    /** Reads an import status filter; 400 {@code invalid-parameter} for an unknown one. */
    public static @Nullable ImportStatus status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ImportStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidImportOption("status", "must be one of QUEUED, PARSING, APPLYING, COMPLETED, FAILED");
        }
    }

    private static UUID parseId(String id) {
        try {
            if (id.length() != 36) {
                throw new IllegalArgumentException(id);
            }
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidImportId(id);
        }
    }
}
