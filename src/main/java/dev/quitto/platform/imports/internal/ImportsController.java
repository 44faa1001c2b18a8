package dev.quitto.platform.imports.internal;

import dev.quitto.platform.imports.ImportErrorView;
import dev.quitto.platform.imports.ImportView;
import dev.quitto.platform.imports.Imports;
import dev.quitto.platform.imports.InvalidImportOption;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Every import of every kind, for operators and auditors; modules show their own under their paths through {@link Imports}. */
@RestController
@RequestMapping("/api/v1/platform/imports")
@PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
class ImportsController {

    static final String BASE = "/api/v1/platform/imports";
    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final Imports imports;

    ImportsController(Imports imports) {
        this.imports = imports;
    }

    @GetMapping
    Paged<ImportView> list(@RequestParam(required = false) @Nullable String kind, @RequestParam(required = false) @Nullable String status,
                           @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        return imports.list(kind, Imports.status(status), PageQuery.of(page, size), ServletUriComponentsBuilder.fromCurrentRequest(), BASE);
    }

    @GetMapping("/{id}")
    ImportView find(@PathVariable String id) {
        return imports.find(null, id, BASE);
    }

    @GetMapping(path = "/{id}/errors", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Paged<ImportErrorView> errors(@PathVariable String id, @RequestParam(required = false) @Nullable String format,
                                  @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        if (format != null && !"json".equalsIgnoreCase(format)) {
            throw new InvalidImportOption("format", "must be json or csv");
        }
        return imports.errors(null, id, PageQuery.of(page, size), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping(path = "/{id}/errors", params = "format=csv")
    ResponseEntity<StreamingResponseBody> errorsCsvByFormat(@PathVariable String id) {
        return errorsCsv(id);
    }

    @GetMapping(path = "/{id}/errors", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> errorsCsv(@PathVariable String id) {
        imports.requireExists(null, id);
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors.csv\"")
                .body(out -> imports.writeErrorsCsv(null, id, out));
    }
}
