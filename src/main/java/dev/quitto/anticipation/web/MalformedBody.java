package dev.quitto.anticipation.web;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** The body is not a JSON object. */
public final class MalformedBody extends Refusal {

    public MalformedBody() {
        super(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_BODY, "JSON parse error.");
    }
}
