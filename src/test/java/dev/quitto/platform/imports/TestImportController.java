package dev.quitto.platform.imports;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Test-only upload endpoint for the test kinds, shaped like the modules' upload endpoints will be. */
@RestController
class TestImportController {

    private final Imports imports;
    private final List<PersonImportKind> kinds;

    TestImportController(Imports imports, List<PersonImportKind> kinds) {
        this.imports = imports;
        this.kinds = kinds;
    }

    @PostMapping(path = "/api/v1/test/imports/{kind}",
            consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, "text/csv", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<ImportView> upload(@PathVariable String kind, HttpServletRequest request,
                                      @RequestParam(required = false) @Nullable String charset,
                                      @RequestParam(required = false) @Nullable String delimiter) {
        ImportKind chosen = kinds.stream().filter(candidate -> candidate.name().equals(kind)).findFirst()
                .orElseThrow(() -> new ImportNotFound(kind));
        ImportView accepted = imports.accept(chosen, request, ImportOptions.of(charset, delimiter), "/api/v1/platform/imports");
        return ResponseEntity.accepted().location(URI.create(accepted.links().get("self"))).body(accepted);
    }
}
