package dev.quitto.fieldops;

import dev.quitto.fieldops.FieldopsRefusals.InvalidParameter;
import dev.quitto.fieldops.FieldopsRefusals.UnsupportedMediaType;
import dev.quitto.platform.imports.ImportErrorView;
import dev.quitto.platform.imports.ImportOptions;
import dev.quitto.platform.imports.ImportStatus;
import dev.quitto.platform.imports.ImportView;
import dev.quitto.platform.imports.Imports;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Imports of the visit file: canonical {@code /api/v1/fieldops/imports} and the seed's {@code import_csv} / {@code task_status}. */
@RestController
class ImportController {

    static final String BASE = "/api/v1/fieldops/imports";
    static final long SPREADSHEET_ROW_CAP = 1_048_575;
    private static final List<String> EXTRA_COUNTS = List.of("inserted", "updated", "unchanged", "angelsCreated", "polosCreated", "clientsCreated");
    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Imports imports;
    private final VisitImport kind;

    ImportController(Imports imports, VisitImport kind) {
        this.imports = imports;
        this.kind = kind;
    }

    @PostMapping(BASE)
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<Map<String, Object>> upload(HttpServletRequest request, @RequestParam(required = false) @Nullable String charset,
                                               @RequestParam(required = false) @Nullable String delimiter) {
        ImportView accepted = accept(request, charset, delimiter);
        return ResponseEntity.accepted().location(URI.create(BASE + "/" + accepted.id())).body(view(accepted));
    }

    @PostMapping({AtendimentoController.BASE + "/import_csv", AtendimentoController.BASE + "/import_csv/"})
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<Map<String, Object>> seedUpload(HttpServletRequest request, @RequestParam(required = false) @Nullable String charset,
                                                   @RequestParam(required = false) @Nullable String delimiter) {
        ImportView accepted = accept(request, charset, delimiter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "CSV file is being processed");
        body.put("task_id", accepted.id().toString());
        return ResponseEntity.accepted().location(URI.create(BASE + "/" + accepted.id())).body(body);
    }

    private ImportView accept(HttpServletRequest request, @Nullable String charset, @Nullable String delimiter) {
        ImportOptions options = ImportOptions.of(charset, delimiter);
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank()) {
            MediaType type;
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                throw new UnsupportedMediaType(contentType.strip());
            }
            String subtype = type.getType().toLowerCase(Locale.ROOT) + "/" + type.getSubtype().toLowerCase(Locale.ROOT);
            if (!List.of("multipart/form-data", "text/csv", "application/octet-stream", "text/plain", "application/csv",
                    "application/vnd.ms-excel").contains(subtype)) {
                throw new UnsupportedMediaType(subtype);
            }
        }
        return imports.accept(kind, request, options, BASE);
    }

    @GetMapping(BASE)
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    Paged<Map<String, Object>> list(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable Integer page,
                                    @RequestParam(required = false) @Nullable Integer size) {
        ImportStatus wanted = Imports.status(status);
        return imports.list(VisitImport.NAME, wanted, page(page, size), ServletUriComponentsBuilder.fromCurrentRequest(), BASE)
                .map(ImportController::view);
    }

    /** {@code page} from 1, {@code size} 1..500 (default 50); anything else is 400 {@code invalid-parameter} (spec 3, 7). */
    private static PageQuery page(@Nullable Integer page, @Nullable Integer size) {
        if (page != null && page < 1) {
            throw new InvalidParameter("page", "must be 1 or more");
        }
        if (size != null && (size < 1 || size > PageQuery.MAX_SIZE)) {
            throw new InvalidParameter("size", "must be between 1 and " + PageQuery.MAX_SIZE);
        }
        return PageQuery.of(page, size);
    }

    @GetMapping(BASE + "/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    Map<String, Object> find(@PathVariable String id) {
        return view(imports.find(VisitImport.NAME, id, BASE));
    }

    @GetMapping(path = BASE + "/{id}/errors", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    Paged<ImportErrorView> errors(@PathVariable String id, @RequestParam(required = false) @Nullable String format,
                                  @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        if (format != null && !"json".equalsIgnoreCase(format.strip())) {
            throw invalidFormat();
        }
        return imports.errors(VisitImport.NAME, id, page(page, size), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping(path = BASE + "/{id}/errors", params = "format=csv")
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    ResponseEntity<StreamingResponseBody> errorsCsvByFormat(@PathVariable String id) {
        return errorsCsv(id);
    }

    @GetMapping(path = BASE + "/{id}/errors", produces = "text/csv")
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    ResponseEntity<StreamingResponseBody> errorsCsv(@PathVariable String id) {
        imports.requireExists(VisitImport.NAME, id);
        StreamingResponseBody body = out -> imports.writeErrorsCsv(VisitImport.NAME, id, out);
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors.csv\"").body(body);
    }

    @GetMapping({AtendimentoController.BASE + "/task_status/{taskId}", AtendimentoController.BASE + "/task_status/{taskId}/"})
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    Map<String, Object> taskStatus(@PathVariable String taskId) {
        ImportView view = imports.find(VisitImport.NAME, taskId, BASE);
        Map<String, Object> body = new LinkedHashMap<>();
        switch (view.status()) {
            case QUEUED -> {
                body.put("state", "PENDING");
                body.put("status", "Pending...");
            }
            case PARSING, APPLYING -> {
                body.put("state", "STARTED");
                body.put("status", view.status().name().toLowerCase(Locale.ROOT));
                body.put("result", Map.of("percent", view.progress().percent(), "rowsRead", view.progress().rowsRead()));
            }
            case COMPLETED -> {
                long rowsRead = count(view, "rowsRead");
                long rejected = count(view, "rejected");
                List<Map<String, Object>> errors = new ArrayList<>();
                for (ImportErrorView error : imports.errors(VisitImport.NAME, taskId, new PageQuery(1, 100),
                        ServletUriComponentsBuilder.fromCurrentRequest()).items()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("line", error.line());
                    entry.put("error", error.reason() + ": " + error.message());
                    entry.put("data", error.value());
                    errors.add(entry);
                }
                body.put("state", "SUCCESS");
                body.put("status", "completed");
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("total_rows", rowsRead);
                result.put("successful_rows", rowsRead - rejected);
                result.put("failed_rows", rejected);
                result.put("errors", errors);
                body.put("result", result);
            }
            case FAILED -> {
                body.put("state", "FAILURE");
                body.put("status", view.failureReason() == null ? "failed" : view.failureReason());
            }
        }
        return body;
    }

    private static long count(ImportView view, String name) {
        Long value = view.counts().get(name);
        return value == null ? 0 : value;
    }

    /** The platform import resource with field-ops' counters (0 until applied) and {@code possiblyTruncated}. */
    static Map<String, Object> view(ImportView view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", view.id());
        body.put("status", view.status());
        body.put("fileName", view.fileName());
        body.put("sizeBytes", view.sizeBytes());
        body.put("sha256", view.sha256());
        body.put("delimiter", view.delimiter());
        body.put("charset", view.charset());
        body.put("createdAt", view.createdAt());
        body.put("startedAt", view.startedAt());
        body.put("finishedAt", view.finishedAt());
        body.put("progress", Map.of("percent", view.progress().percent(), "bytesRead", view.progress().bytesRead()));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : List.of("rowsRead", "accepted", "duplicates", "rejected")) {
            counts.put(name, count(view, name));
        }
        for (String name : EXTRA_COUNTS) {
            counts.put(name, count(view, name));
        }
        body.put("counts", counts);
        body.put("ignoredColumns", view.ignoredColumns());
        body.put("possiblyTruncated", count(view, "rowsRead") == SPREADSHEET_ROW_CAP);
        body.put("failureReason", view.failureReason());
        body.put("errorReportPurgedAt", view.errorReportPurgedAt());
        body.put("links", view.links());
        return body;
    }

    static InvalidParameter invalidFormat() {
        return new InvalidParameter("format", "must be json or csv");
    }

    static HttpStatus accepted() {
        return HttpStatus.ACCEPTED;
    }
}
