package dev.quitto.anticipation.web;

import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals on the seed's paths, in the seed's bodies: {@code {"detail": …}}, a field map {@code {"field": […]}}
 * with the seed's snake_case names, or a bare list. Canonical paths keep the platform's problem+json.
 */
@RestControllerAdvice(annotations = SeedApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SeedErrors {

    /** Canonical field names whose seed name differs. */
    private static final Map<String, String> SEED_NAMES = Map.of(
            "supplierId", "supplier", "dueDate", "due_date", "newDueDate", "new_due_date", "paymentId", "payment",
            "newValue", "new_value");

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Object> refusal(Refusal refusal) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON);
        if (refusal instanceof MethodNotAllowed notAllowed) {
            response.header(HttpHeaders.ALLOW, notAllowed.allow());
        }
        return switch (refusal) {
            case SeedListBody list -> ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(List.of(list.seedMessage()));
            case InvalidInput invalid -> response.body(fieldMap(invalid.violations()));
            default -> response.body(Map.of("detail", String.valueOf(refusal.getMessage())));
        };
    }

    static Map<String, List<String>> fieldMap(List<FieldViolation> violations) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (FieldViolation violation : violations) {
            fields.computeIfAbsent(SEED_NAMES.getOrDefault(violation.field(), violation.field()), name -> new ArrayList<>())
                    .add(violation.message());
        }
        return fields;
    }
}
