package dev.quitto.anticipation.web;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** A missing id and one outside the caller's scope: the same answer, so a supplier cannot learn what exists. */
public final class NotFound extends Refusal {

    public NotFound() {
        super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "Not found.");
    }
}
