package dev.quitto.anticipation.web;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** A request body over the module's limit of {@link JsonBody#MAX_BYTES} bytes (the platform's own limit is larger). */
public final class PayloadTooLarge extends Refusal {

    public PayloadTooLarge(int limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, ProblemCodes.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + limit + " bytes.");
    }
}
