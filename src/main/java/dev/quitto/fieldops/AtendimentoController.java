package dev.quitto.fieldops;

import dev.quitto.fieldops.FieldopsRefusals.InvalidParameter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The seed's visit paths ({@code /api/v1/atendimento}), served by the canonical services with the seed's shapes. */
@RestController
@RequestMapping(AtendimentoController.BASE)
class AtendimentoController {

    static final String BASE = "/api/v1/atendimento";
    static final List<String> ORDER_FIELDS = List.of("id", "created_at", "updated_at", "cliente_id", "angel", "polo", "data_limite",
            "data_de_atendimento");
    static final String ORDER_BY_ERROR = "order_by_param must be one of ['id', '-id', 'created_at', '-created_at', 'updated_at', "
            + "'-updated_at', 'cliente_id', '-cliente_id', 'angel', '-angel', 'polo', '-polo', 'data_limite', '-data_limite', "
            + "'data_de_atendimento', '-data_de_atendimento']";

    private final Visits visits;

    AtendimentoController(Visits visits) {
        this.visits = visits;
    }

    @GetMapping({"", "/"})
    @PreAuthorize("hasAnyRole('OPERATOR', 'AUDITOR')")
    Map<String, Object> list(@RequestParam Map<String, String> query, HttpServletRequest request) {
        Params params = new Params(query);
        int page = params.integer("page", 1, 1, Integer.MAX_VALUE);
        int perPage = params.integer("per_page", 10, 1, 500);
        String orderBy = orderBy(params.text("order_by"));
        VisitFilter filter = params.filter(visits.today());
        long offset = (long) (page - 1) * perPage;
        List<Visit> rows = visits.list(filter, orderBy, offset, perPage + 1);
        LocalDate asOf = filter.asOf();
        List<Map<String, Object>> data = new ArrayList<>();
        rows.stream().limit(perPage).forEach(visit -> data.add(VisitViews.seed(visit, asOf)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("next", rows.size() > perPage ? link(request, page + 1) : null);
        body.put("prev", page > 1 ? link(request, page - 1) : null);
        return body;
    }

    /** The request's own link with another page: every other parameter kept in place, {@code page} first when absent. */
    private static String link(HttpServletRequest request, int page) {
        List<String> parts = new ArrayList<>();
        boolean replaced = false;
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            for (String part : query.split("&")) {
                if (part.equals("page") || part.startsWith("page=")) {
                    if (!replaced) {
                        parts.add("page=" + page);
                        replaced = true;
                    }
                } else if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
        }
        if (!replaced) {
            parts.addFirst("page=" + page);
        }
        return request.getRequestURI() + "?" + String.join("&", parts);
    }

    static String orderBy(@Nullable String orderBy) {
        String value = orderBy == null ? "id" : orderBy;
        boolean descending = value.startsWith("-");
        String field = descending ? value.substring(1) : value;
        if (!ORDER_FIELDS.contains(field)) {
            throw new InvalidParameter("order_by", ORDER_BY_ERROR.substring("order_by_param ".length()));
        }
        String column = switch (field) {
            case "created_at" -> "v.created_at";
            case "updated_at" -> "v.updated_at";
            case "cliente_id" -> "v.client_id";
            case "angel" -> "a.name collate \"C\"";
            case "polo" -> "p.name collate \"C\"";
            case "data_limite" -> "v.deadline";
            case "data_de_atendimento" -> "v.visit_date";
            default -> "v.id";
        };
        String direction = descending ? " desc nulls last" : " asc nulls last";
        return column.equals("v.id") ? "v.id" + (descending ? " desc" : "") : column + direction + ", v.id";
    }

    @PostMapping({"", "/"})
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<Map<String, Object>> create(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                               @RequestBody(required = false) @Nullable String body) {
        LocalDate today = visits.today();
        Visit visit = visits.create(VisitBodies.create(VisitBodies.read(contentType, body), today));
        return ResponseEntity.created(URI.create(VisitController.BASE + "/" + visit.id())).body(VisitViews.seed(visit, today));
    }

    /** PUT needs {@code data_limite} and {@code data_de_atendimento}; PATCH any subset. Both answer 201, as the seed did. */
    @RequestMapping(path = {"/{id}", "/{id}/"}, method = {RequestMethod.PUT, RequestMethod.PATCH})
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<Map<String, Object>> update(@PathVariable String id, HttpServletRequest request,
                                               @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                               @RequestBody(required = false) @Nullable String body) {
        long visitId = VisitController.pathId(id);
        LocalDate today = visits.today();
        List<String[]> required = "PUT".equals(request.getMethod()) ? List.of(VisitBodies.DEADLINE, VisitBodies.VISIT) : List.of();
        Visit visit = visits.update(visitId, VisitBodies.change(VisitBodies.read(contentType, body), today, required), null);
        return ResponseEntity.status(HttpStatus.CREATED).body(VisitViews.seed(visit, today));
    }
}
