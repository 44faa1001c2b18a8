package dev.quitto.platform.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Bad input found by a rule Bean Validation cannot express: 400 {@code validation-failed} listing every field. */
public class InvalidInput extends Refusal {

    private final List<FieldViolation> violations;

    public InvalidInput(List<FieldViolation> violations) {
        super(HttpStatus.BAD_REQUEST, ProblemCodes.VALIDATION_FAILED, describe(violations), Map.of());
        this.violations = List.copyOf(violations);
    }

    public InvalidInput(String field, String message, String code) {
        this(List.of(new FieldViolation(field, message, code)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    private static String describe(List<FieldViolation> violations) {
        return violations.size() == 1
                ? violations.getFirst().field() + " " + violations.getFirst().message()
                : violations.size() + " fields are invalid";
    }
}
