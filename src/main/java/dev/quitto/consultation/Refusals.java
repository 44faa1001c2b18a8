package dev.quitto.consultation;

import dev.quitto.platform.time.BusinessTime;
import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** The module's refusals (spec section 7), each a problem code. */
final class Refusals {

    private Refusals() {
    }

    static final class PatientHasOpenConsultation extends Refusal {
        PatientHasOpenConsultation(UUID patientId, UUID openConsultationId) {
            super(HttpStatus.CONFLICT, "patient-has-open-consultation", "Patient " + patientId + " already has the open consultation "
                    + openConsultationId + "; finish it first.", Map.of("openConsultationId", openConsultationId.toString()));
        }
    }

    static final class ConsultationAlreadyFinished extends Refusal {
        ConsultationAlreadyFinished(UUID id, Instant endDate, BigDecimal price) {
            super(HttpStatus.CONFLICT, "consultation-already-finished", "Consultation " + id + " is already finished.",
                    Map.of("consultationId", id.toString(), "endDate", BusinessTime.render(endDate).toString(),
                            "price", price.setScale(2).toPlainString()));
        }
    }

    static final class EndNotAfterStart extends Refusal {
        EndNotAfterStart(Instant start) {
            super(HttpStatus.BAD_REQUEST, "end-not-after-start", "end_date must be later than the start date "
                    + BusinessTime.render(start) + ".", Map.of("field", "end_date", "startDate", BusinessTime.render(start).toString()));
        }
    }

    static final class EndInFuture extends Refusal {
        EndInFuture(Instant now) {
            super(HttpStatus.BAD_REQUEST, "end-in-future", "end_date cannot be later than the server time " + BusinessTime.render(now) + ".",
                    Map.of("field", "end_date", "serverTime", BusinessTime.render(now).toString()));
        }
    }

    static final class NotFound extends Refusal {
        NotFound(String what) {
            super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, what + " does not exist.");
        }
    }

    static final class InvalidId extends Refusal {
        InvalidId(String value) {
            super(HttpStatus.BAD_REQUEST, "invalid-id", "The id in the path is not a UUID.", Map.of("value", value.length() > 100 ? value.substring(0, 100) : value));
        }
    }

    static final class InvalidParameter extends Refusal {
        InvalidParameter(String parameter, String message) {
            super(HttpStatus.BAD_REQUEST, "invalid-parameter", parameter + " " + message, Map.of("parameter", parameter));
        }
    }

    static final class ChargeNotRetryable extends Refusal {
        ChargeNotRetryable(UUID id) {
            super(HttpStatus.CONFLICT, "charge-not-retryable", "Charge " + id + " was delivered; it is never sent again.",
                    Map.of("chargeId", id.toString()));
        }
    }

    static final class MalformedBody extends Refusal {
        MalformedBody() {
            super(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, "The body is not a JSON object.");
        }
    }

    static final class UnsupportedMediaType extends Refusal {
        UnsupportedMediaType(String type) {
            super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCodes.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + type + " is not JSON.");
        }
    }

    static UUID pathId(String value) {
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new InvalidId(value);
    }
}
