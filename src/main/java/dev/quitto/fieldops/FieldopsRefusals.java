package dev.quitto.fieldops;

import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The refusals of spec section 7 that are specific to field-ops. */
final class FieldopsRefusals {

    static final String MISSING_REQUIRED_FIELDS = "Missing required fields";

    private FieldopsRefusals() {
    }

    static final class VisitNotFound extends Refusal {
        VisitNotFound(long id) {
            super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "No visit has the id " + id + ".");
        }
    }

    static final class VisitExists extends Refusal {
        VisitExists(long id) {
            super(HttpStatus.CONFLICT, "visit-already-exists", "A visit with the id " + id + " already exists.", Map.of("id", id));
        }
    }

    static final class VersionMismatch extends Refusal {
        VersionMismatch(int expected, int actual) {
            super(HttpStatus.PRECONDITION_FAILED, "version-mismatch",
                    "If-Match names version " + expected + " but the visit is at version " + actual + ".", Map.of("version", actual));
        }
    }

    static final class InvalidId extends Refusal {
        InvalidId(String id) {
            super(HttpStatus.BAD_REQUEST, "invalid-id", "The id must be a positive integer, got \"" + abbreviate(id) + "\".");
        }
    }

    static final class InvalidParameter extends Refusal {
        private final String parameter;

        InvalidParameter(String parameter, String message) {
            super(HttpStatus.BAD_REQUEST, "invalid-parameter", parameter + " " + message,
                    Map.of("errors", List.of(new FieldViolation(parameter, message, "invalid-parameter"))));
            this.parameter = parameter;
        }

        String parameter() {
            return parameter;
        }
    }

    static final class MalformedBody extends Refusal {
        MalformedBody(String detail) {
            super(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, detail);
        }
    }

    static final class UnsupportedMediaType extends Refusal {
        UnsupportedMediaType(String type) {
            super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, "The content type " + type + " is not accepted here.");
        }
    }

    static final class NotAcceptable extends Refusal {
        NotAcceptable(String accept) {
            super(HttpStatus.NOT_ACCEPTABLE, ProblemCodes.NOT_ACCEPTABLE, "Cannot answer in " + accept + "; use application/json or text/csv.");
        }
    }

    /** A required key of a create or PUT body is absent: the seed's "Missing required fields". */
    static final class MissingFields extends InvalidInput {
        MissingFields(List<FieldViolation> violations) {
            super(violations);
        }
    }

    static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
