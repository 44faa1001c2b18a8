package dev.quitto.anticipation.anticipation;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quitto.anticipation.web.Fields;
import dev.quitto.anticipation.web.InvalidStatusFilter;
import dev.quitto.anticipation.web.JsonBody;
import dev.quitto.anticipation.web.PageSpec;
import dev.quitto.anticipation.web.PathIds;
import dev.quitto.anticipation.web.SeedApi;
import dev.quitto.anticipation.web.SeedPage;
import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's {@code /api/anticipations/}: create (POST), decide (PATCH or PUT {@code {"status":"A"|"D"}}), and the
 * list and detail the seed lacked. Fields a client may not set are ignored.
 */
@SeedApi
@RestController
class AnticipationSeedController {

    private final AnticipationRequests requests;
    private final AnticipationDecisions decisions;
    private final Anticipations anticipations;

    AnticipationSeedController(AnticipationRequests requests, AnticipationDecisions decisions, Anticipations anticipations) {
        this.requests = requests;
        this.decisions = decisions;
        this.anticipations = anticipations;
    }

    @PostMapping({"/api/anticipations/", "/api/anticipations"})
    ResponseEntity<SeedAnticipation> create(CurrentUser caller, @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                                            @RequestBody(required = false) @Nullable String body) {
        ObjectNode json = JsonBody.read(contentType, body);
        List<FieldViolation> violations = new ArrayList<>();
        OptionalLong payment = Fields.primaryKey(json, "payment", "payment", violations);
        LocalDate newDueDate = Fields.date(json, "new_due_date", "newDueDate", violations);
        Anticipation created = requests.request(caller, new NewAnticipation(payment.isPresent() ? payment.getAsLong() : null, newDueDate,
                violations, NewAnticipation.OutOfScope.INVALID_PK));
        return ResponseEntity.status(HttpStatus.CREATED).body(SeedAnticipation.of(created));
    }

    @RequestMapping(path = {"/api/anticipations/{id}/", "/api/anticipations/{id}"}, method = {RequestMethod.PATCH, RequestMethod.PUT})
    SeedAnticipation decide(CurrentUser caller, @PathVariable String id,
                            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
                            @RequestBody(required = false) @Nullable String body) {
        long anticipationId = PathIds.parse(id);
        decisions.checkMayDecide(caller, anticipationId);
        ObjectNode json = JsonBody.read(contentType, body);
        return SeedAnticipation.of(decisions.decide(caller, anticipationId, decision(json)));
    }

    @GetMapping({"/api/anticipations/", "/api/anticipations"})
    SeedPage<SeedAnticipation> list(CurrentUser caller, HttpServletRequest request, @RequestParam(required = false) @Nullable String page) {
        AnticipationFilter filter = AnticipationFilter.status(status(request.getParameterValues("status")));
        return SeedPage.of(anticipations.list(caller, filter, new PageSpec.Seed(page)).map(SeedAnticipation::of));
    }

    @GetMapping({"/api/anticipations/{id}/", "/api/anticipations/{id}"})
    SeedAnticipation get(CurrentUser caller, @PathVariable String id) {
        return SeedAnticipation.of(anticipations.get(caller, PathIds.parse(id)));
    }

    /** {@code "A"} or {@code "D"}, exactly; anything else is not a valid choice. */
    private static Decision decision(ObjectNode json) {
        List<FieldViolation> violations = new ArrayList<>();
        JsonNode status = Fields.present(json, "status", "status", violations);
        if (status == null) {
            throw new InvalidInput(violations);
        }
        String given = status.isString() ? status.asString() : status.toString();
        return switch (given) {
            case "A" -> Decision.APPROVE;
            case "D" -> Decision.DENY;
            default -> throw new InvalidInput("status", "\"" + given + "\" is not a valid choice.", "invalid-choice");
        };
    }

    private static @Nullable AnticipationStatus status(String @Nullable [] values) {
        if (values == null || values.length == 0) {
            return null;
        }
        String given = values[values.length - 1].toUpperCase(Locale.ROOT);
        if (given.equals("ALL")) {
            return null;
        }
        for (AnticipationStatus status : AnticipationStatus.values()) {
            if (status.code().equals(given)) {
                return status;
            }
        }
        throw new InvalidStatusFilter(given, "PC, A or D");
    }

    /** A request as the seed's clients read it: dates in Sao Paulo, status PC, A or D. */
    record SeedAnticipation(long id, long payment, @JsonProperty("creation_date") LocalDate creationDate,
                            @JsonProperty("new_due_date") LocalDate newDueDate, @JsonProperty("new_value") String newValue,
                            @JsonProperty("update_date") LocalDate updateDate, String status) {

        static SeedAnticipation of(Anticipation anticipation) {
            return new SeedAnticipation(anticipation.id(), anticipation.paymentId(),
                    anticipation.requestedAt().atZone(BusinessTime.ZONE).toLocalDate(), anticipation.newDueDate(),
                    anticipation.newValue().setScale(2).toPlainString(), anticipation.updatedAt().atZone(BusinessTime.ZONE).toLocalDate(),
                    anticipation.status().code());
        }
    }
}
