package dev.quitto.billing;

import dev.quitto.platform.imports.Imports;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.web.Paged;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import dev.quitto.platform.imports.ImportErrorView;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Debt files: upload ({@code POST /billing}, the seed's path, and its canonical twin), progress and error reports. */
@RestController("billingImportController")
class ImportController {

    static final String READ = "hasAnyRole('OPERATOR', 'AUDITOR')";
    static final String WRITE = "hasRole('OPERATOR')";

    private final DebtImports debtImports;
    private final Imports imports;

    ImportController(DebtImports debtImports, Imports imports) {
        this.debtImports = debtImports;
        this.imports = imports;
    }

    @PostMapping(path = {BillingPaths.SEED_UPLOAD, BillingPaths.IMPORTS},
            consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, "text/csv", "application/csv"})
    @PreAuthorize(WRITE)
    ResponseEntity<ImportResource> upload(CurrentUser caller, HttpServletRequest request,
                                          @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        ImportResource accepted = ImportResource.of(debtImports.accept(request, caller.login(), idempotencyKey));
        return ResponseEntity.accepted().location(URI.create(accepted.links().get("self"))).body(accepted);
    }

    @GetMapping(BillingPaths.IMPORTS)
    @PreAuthorize(READ)
    Paged<ImportResource> list(@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable Integer page,
                               @RequestParam(required = false) @Nullable Integer size) {
        return imports.list(DebtImportKind.NAME, Imports.status(status), BillingPages.of(page, size),
                ServletUriComponentsBuilder.fromCurrentRequest(), BillingPaths.IMPORTS).map(ImportResource::of);
    }

    @GetMapping(BillingPaths.IMPORTS + "/{id}")
    @PreAuthorize(READ)
    ImportResource get(@PathVariable String id) {
        return ImportResource.of(debtImports.find(id));
    }

    @GetMapping(path = BillingPaths.IMPORTS + "/{id}/errors")
    @PreAuthorize(READ)
    Paged<ImportErrorView> errors(@PathVariable String id, @RequestParam(required = false) @Nullable String format,
                                  @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
                                  @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        if (format != null && !"json".equalsIgnoreCase(format)) {
            throw new Refusal(HttpStatus.BAD_REQUEST, "invalid-parameter", "format must be json or csv");
        }
        if (accept != null && !acceptsJson(accept)) {
            throw new Refusal(HttpStatus.NOT_ACCEPTABLE, ProblemCodes.NOT_ACCEPTABLE, "The error report is served as application/json or text/csv.");
        }
        return imports.errors(DebtImportKind.NAME, id, BillingPages.of(page, size), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    @GetMapping(path = BillingPaths.IMPORTS + "/{id}/errors", params = "format=csv")
    @PreAuthorize(READ)
    ResponseEntity<StreamingResponseBody> errorsCsvByFormat(@PathVariable String id) {
        return errorsCsv(id);
    }

    @GetMapping(path = BillingPaths.IMPORTS + "/{id}/errors", produces = "text/csv")
    @PreAuthorize(READ)
    ResponseEntity<StreamingResponseBody> errorsCsv(@PathVariable String id) {
        imports.requireExists(DebtImportKind.NAME, id);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors.csv\"")
                .body(out -> imports.writeErrorsCsv(DebtImportKind.NAME, id, out));
    }

    private static boolean acceptsJson(String accept) {
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON)
                    || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }
}
