package dev.quitto.consultation;

import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.PageQuery;
import dev.quitto.platform.web.Paged;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The canonical consultations API (spec section 3). */
@RestController
@Profile("!finance-only")
@RequestMapping(ConsultationController.BASE)
class ConsultationController {

    static final String BASE = "/api/v1/consultations";
    private static final String READERS = "hasAnyRole('CLINIC', 'OPERATOR', 'AUDITOR')";

    private final Consultations consultations;

    ConsultationController(Consultations consultations) {
        this.consultations = consultations;
    }

    @PostMapping
    @PreAuthorize("hasRole('CLINIC')")
    ResponseEntity<ConsultationViews.View> start(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                                 @RequestBody(required = false) @Nullable String body) {
        StartRequest request = StartRequest.of(Requests.canonicalBody(contentType, body));
        Consultation started = consultations.start(request.physicianId(), request.patientId());
        return ResponseEntity.created(URI.create(BASE + "/" + started.id())).body(ConsultationViews.View.of(started, java.util.Optional.empty()));
    }

    @PostMapping("/{id}/finish")
    @PreAuthorize("hasRole('CLINIC')")
    ConsultationViews.View finish(@PathVariable String id, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                  @RequestBody(required = false) @Nullable String body) {
        UUID consultationId = Refusals.pathId(id);
        ObjectNode json = Requests.canonicalBody(contentType, body);
        List<FieldViolation> violations = new ArrayList<>();
        JsonNode bodyId = Requests.field(json, "consultationId", "consultation_id");
        if (bodyId != null && !bodyId.isNull() && !(bodyId.isString() && consultationId.equals(Requests.uuid(bodyId.asString())))) {
            violations.add(new FieldViolation("consultationId", "must be the id in the path, " + consultationId, "mismatch"));
        }
        FinishRequest finish = FinishRequest.of(json, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        Consultation finished = consultations.finish(consultationId, finish.endDate());
        return ConsultationViews.View.of(finished, consultations.charge(consultationId));
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    ConsultationViews.View get(@PathVariable String id) {
        Consultation consultation = consultations.get(Refusals.pathId(id));
        return ConsultationViews.View.of(consultation, consultations.charge(consultation.id()));
    }

    @GetMapping
    @PreAuthorize(READERS)
    Paged<ConsultationViews.View> list(@RequestParam(required = false) @Nullable String patientId,
                                       @RequestParam(required = false) @Nullable String physicianId,
                                       @RequestParam(required = false) @Nullable String status,
                                       @RequestParam(required = false) @Nullable String startedFrom,
                                       @RequestParam(required = false) @Nullable String startedTo,
                                       @RequestParam(required = false) @Nullable String sort,
                                       @RequestParam(required = false) @Nullable Integer page,
                                       @RequestParam(required = false) @Nullable Integer size) {
        PageQuery query = Listing.page(page, size);
        Instant from = Listing.bound(startedFrom, "startedFrom", false);
        Instant to = Listing.bound(startedTo, "startedTo", true);
        Listing.ordered(from, to, "startedFrom", "startedTo");
        ConsultationRepository.Filter filter = new ConsultationRepository.Filter(Listing.uuid(patientId, "patientId"),
                Listing.uuid(physicianId, "physicianId"), status(status), from, to, ascending(sort));
        List<ConsultationViews.View> items = consultations.list(filter, query.size(), query.offset()).stream()
                .map(c -> ConsultationViews.View.of(c, c.endDate() == null ? java.util.Optional.empty() : consultations.charge(c.id())))
                .toList();
        return Paged.of(items, query, consultations.count(filter), ServletUriComponentsBuilder.fromCurrentRequest());
    }

    private static Consultation.@Nullable Status status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return switch (status.trim().toUpperCase(Locale.ROOT)) {
            case "OPEN" -> Consultation.Status.OPEN;
            case "FINISHED" -> Consultation.Status.FINISHED;
            default -> throw new Refusals.InvalidParameter("status", "must be OPEN or FINISHED");
        };
    }

    private static boolean ascending(@Nullable String sort) {
        if (sort == null || sort.isBlank()) {
            return false;
        }
        return switch (sort.trim()) {
            case "startDate", "startDate,asc" -> true;
            case "startDate,desc" -> false;
            default -> throw new Refusals.InvalidParameter("sort", "must be startDate, startDate,asc or startDate,desc");
        };
    }
}
