package dev.quitto.anticipation.anticipation;

import dev.quitto.platform.web.FieldViolation;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request as far as its body could be read: what failed to parse is in {@code violations}.
 *
 * @param outOfScope how a payment that is missing or another supplier's is answered
 */
public record NewAnticipation(@Nullable Long paymentId, @Nullable LocalDate newDueDate, List<FieldViolation> violations, OutOfScope outOfScope) {

    public NewAnticipation {
        violations = List.copyOf(violations);
    }

    public enum OutOfScope {
        /** The seed: a field error, {@code {"payment":["Invalid pk …"]}}, beside the other field errors. */
        INVALID_PK,
        /** The canonical API: 404, before the body is looked at. */
        NOT_FOUND
    }
}
