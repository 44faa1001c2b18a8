package dev.quitto.cashback;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** The body is not one JSON object (malformed, truncated, or a key given twice). */
final class MalformedSaleBody extends Refusal {

    MalformedSaleBody() {
        super(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, "The body is not one JSON object (malformed, truncated, or a key given twice).");
    }
}
