package dev.quitto.consultation;

import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's paths, verbatim (spec section 2): with and without the trailing slash, bodies read as JSON whatever the
 * Content-Type, seed-shaped answers. Served by {@link Consultations}, as the canonical paths are.
 */
@RestController
@Profile("!finance-only")
@PreAuthorize("hasRole('CLINIC')")
class ConsultationSeedController {

    private final Consultations consultations;

    ConsultationSeedController(Consultations consultations) {
        this.consultations = consultations;
    }

    @PostMapping({"/app/consultation/start/", "/app/consultation/start"})
    ResponseEntity<Map<String, @Nullable Object>> start(@RequestBody(required = false) @Nullable String body) {
        StartRequest request = StartRequest.of(Requests.seedBody(body));
        Consultation started = consultations.start(request.physicianId(), request.patientId());
        return ResponseEntity.created(URI.create(ConsultationController.BASE + "/" + started.id())).body(ConsultationViews.seed(started));
    }

    @RequestMapping(path = {"/app/consultation/finish/", "/app/consultation/finish"}, method = {RequestMethod.PUT, RequestMethod.POST})
    ResponseEntity<Map<String, @Nullable Object>> finish(@RequestBody(required = false) @Nullable String body) {
        ObjectNode json = Requests.seedBody(body);
        List<FieldViolation> violations = new ArrayList<>();
        UUID id = Requests.requiredUuid(json, "consultationId", "consultation_id", "consultation_id", violations);
        FinishRequest finish = FinishRequest.of(json, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ConsultationViews.seed(consultations.finish(id, finish.endDate())));
    }
}
