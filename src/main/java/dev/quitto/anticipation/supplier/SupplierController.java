package dev.quitto.anticipation.supplier;

import dev.quitto.anticipation.web.Canonical;
import dev.quitto.anticipation.web.JsonBody;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.PathIds;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.Paged;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Suppliers: read in scope by suppliers and operators, administered by ADMIN. */
@RestController
class SupplierController {

    private final Suppliers suppliers;

    SupplierController(Suppliers suppliers) {
        this.suppliers = suppliers;
    }

    @GetMapping(Canonical.BASE + "/suppliers")
    Paged<SupplierView> list(CurrentUser caller, @RequestParam(required = false) @Nullable String q,
                             @RequestParam(required = false) @Nullable Integer page, @RequestParam(required = false) @Nullable Integer size) {
        PageSpec.Canonical spec = PageSpec.Canonical.of(page, size);
        return Canonical.paged(suppliers.list(caller, queryText(q, "q"), spec).map(SupplierView::of), spec);
    }

    @GetMapping(Canonical.BASE + "/suppliers/{id}")
    SupplierView get(CurrentUser caller, @PathVariable String id) {
        return SupplierView.of(suppliers.get(caller, PathIds.parse(id)));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping(Canonical.BASE + "/admin/suppliers")
    ResponseEntity<SupplierView> create(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                        @RequestBody(required = false) @Nullable String body) {
        ObjectNode json = JsonBody.read(contentType, body);
        List<FieldViolation> violations = new ArrayList<>(JsonBody.unknownProperties(json, Set.of("corporateName", "cnpj", "userId")));
        String name = text(json, "corporateName", true, violations);
        String cnpj = text(json, "cnpj", true, violations);
        JsonNode user = json.get("userId");
        if (user == null || !user.isIntegralNumber() || !user.canConvertToLong()) {
            violations.add(new FieldViolation("userId", "is required and must be an integer id", "required"));
        }
        if (!violations.isEmpty() || user == null) {
            throw new InvalidInput(violations);
        }
        Supplier created = suppliers.create(String.valueOf(name), String.valueOf(cnpj), user.asLong());
        return ResponseEntity.created(URI.create(Canonical.BASE + "/suppliers/" + created.id())).body(SupplierView.of(created));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PatchMapping(Canonical.BASE + "/admin/suppliers/{id}")
    SupplierView update(@PathVariable String id, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                        @RequestBody(required = false) @Nullable String body) {
        long supplierId = PathIds.parse(id);
        ObjectNode json = JsonBody.read(contentType, body);
        List<FieldViolation> violations = new ArrayList<>(JsonBody.unknownProperties(json, Set.of("corporateName", "cnpj")));
        String name = text(json, "corporateName", false, violations);
        String cnpj = text(json, "cnpj", false, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return SupplierView.of(suppliers.update(supplierId, name, cnpj));
    }

    static @Nullable String text(ObjectNode json, String name, boolean required, List<FieldViolation> violations) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                violations.add(new FieldViolation(name, "is required", "required"));
            }
            return null;
        }
        if (!node.isString()) {
            violations.add(new FieldViolation(name, "must be a string", "wrong-type"));
            return null;
        }
        if (node.asString().indexOf('\u0000') >= 0) {
            violations.add(noNul(name));
            return null;
        }
        return node.asString();
    }

    /** PostgreSQL text cannot hold NUL; a value with one is bad input, not a database error. */
    static FieldViolation noNul(String name) {
        return new FieldViolation(name, "must not contain the NUL character", "nul");
    }

    /** A query parameter that is compared in SQL: refused when it holds NUL. */
    static @Nullable String queryText(@Nullable String value, String name) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new InvalidInput(List.of(noNul(name)));
        }
        return value;
    }

    record SupplierView(long id, String corporateName, String cnpj, long userId, OffsetDateTime createdAt) {

        static SupplierView of(Supplier supplier) {
            return new SupplierView(supplier.id(), supplier.corporateName(), supplier.cnpj(), supplier.userId(), BusinessTime.render(supplier.createdAt()));
        }
    }
}
