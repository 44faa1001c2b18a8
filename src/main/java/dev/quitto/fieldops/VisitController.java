package dev.quitto.fieldops;

import dev.quitto.fieldops.FieldopsRefusals.InvalidId;
import dev.quitto.fieldops.FieldopsRefusals.InvalidParameter;
import dev.quitto.fieldops.FieldopsRefusals.VersionMismatch;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Canonical visits: {@code /api/v1/fieldops/visits}. */
@RestController
@RequestMapping(VisitController.BASE)
class VisitController {

    static final String BASE = "/api/v1/fieldops/visits";
    private static final Map<String, String> SORT = Map.of("id", "v.id", "clientId", "v.client_id", "angel", "a.name collate \"C\"",
            "polo", "p.name collate \"C\"", "deadline", "v.deadline", "visitDate", "v.visit_date", "createdAt", "v.created_at",
            "updatedAt", "v.updated_at");

    private final Visits visits;

    VisitController(Visits visits) {
        this.visits = visits;
    }

    static long pathId(String id) {
        if (!VisitImport.isPositiveLong(id)) {
            throw new InvalidId(id);
        }
        return Long.parseLong(id);
    }

    record VisitPage(List<VisitViews.CanonicalVisit> items, int page, int size, long totalItems, long totalPages, Map<String, String> links) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    VisitPage list(@RequestParam Map<String, String> query) {
        Params params = new Params(query);
        int page = params.integer("page", 1, 1, Integer.MAX_VALUE);
        int size = params.integer("size", 50, 1, 500);
        String orderBy = sort(params.text("sort"));
        VisitFilter filter = params.filter(visits.today());
        List<Visit> rows = visits.list(filter, orderBy, (long) (page - 1) * size, size);
        long total = visits.count(filter);
        long totalPages = Math.max(1, (total + size - 1) / size);
        var self = ServletUriComponentsBuilder.fromCurrentRequest();
        Map<String, String> links = new java.util.LinkedHashMap<>();
        links.put("self", self.cloneBuilder().replaceQueryParam("page", page).build().toUriString());
        if (page > 1) {
            links.put("prev", self.cloneBuilder().replaceQueryParam("page", page - 1).build().toUriString());
        }
        if (page < totalPages) {
            links.put("next", self.cloneBuilder().replaceQueryParam("page", page + 1).build().toUriString());
        }
        return new VisitPage(rows.stream().map(visit -> VisitViews.canonical(visit, filter.asOf())).toList(), page, size, total, totalPages, links);
    }

    private static String sort(@Nullable String sort) {
        if (sort == null) {
            return "v.id";
        }
        String[] parts = sort.split(",", -1);
        String column = SORT.get(parts[0].strip());
        boolean descending = parts.length == 2 && parts[1].strip().toLowerCase(Locale.ROOT).equals("desc");
        boolean ascending = parts.length == 1 || parts[1].strip().toLowerCase(Locale.ROOT).equals("asc");
        if (column == null || parts.length > 2 || !(descending || ascending)) {
            throw new InvalidParameter("sort", "must be one of id, clientId, angel, polo, deadline, visitDate, createdAt, updatedAt, "
                    + "optionally followed by ,asc or ,desc");
        }
        return column.equals("v.id") ? "v.id" + (descending ? " desc" : "") : column + (descending ? " desc" : "") + " nulls last, v.id";
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    ResponseEntity<VisitViews.CanonicalVisit> find(@PathVariable String id) {
        Visit visit = visits.find(pathId(id));
        return ResponseEntity.ok().eTag("\"" + visit.version() + "\"").body(VisitViews.canonical(visit, visits.today()));
    }

    @PostMapping
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<VisitViews.CanonicalVisit> create(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                                     @RequestBody(required = false) @Nullable String body) {
        LocalDate today = visits.today();
        Visit visit = visits.create(VisitBodies.create(VisitBodies.read(contentType, body), today));
        return ResponseEntity.created(URI.create(BASE + "/" + visit.id())).eTag("\"" + visit.version() + "\"")
                .body(VisitViews.canonical(visit, today));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<VisitViews.CanonicalVisit> replace(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                                      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                                      @RequestBody(required = false) @Nullable String body) {
        return change(id, ifMatch, contentType, body, List.of(VisitBodies.CLIENT, VisitBodies.ANGEL, VisitBodies.POLO, VisitBodies.DEADLINE,
                VisitBodies.VISIT));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<VisitViews.CanonicalVisit> patch(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                                    @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                                    @RequestBody(required = false) @Nullable String body) {
        return change(id, ifMatch, contentType, body, List.of());
    }

    private ResponseEntity<VisitViews.CanonicalVisit> change(String id, @Nullable String ifMatch, @Nullable String contentType,
                                                             @Nullable String body, List<String[]> required) {
        long visitId = pathId(id);
        LocalDate today = visits.today();
        Visit visit = visits.update(visitId, VisitBodies.change(VisitBodies.read(contentType, body), today, required), version(ifMatch));
        return ResponseEntity.ok().eTag("\"" + visit.version() + "\"").body(VisitViews.canonical(visit, today));
    }

    /** The version an {@code If-Match} names ({@code "3"}, {@code W/"3"} or {@code 3}); anything else matches no version. */
    private static @Nullable Integer version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new VersionMismatch(-1, -1);
        }
    }
}
