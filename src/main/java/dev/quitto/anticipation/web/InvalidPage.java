package dev.quitto.anticipation.web;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** A seed {@code ?page=} that is not a positive integer, {@code last}, or a page that exists. */
public final class InvalidPage extends Refusal {

    public InvalidPage() {
        super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "Invalid page.");
    }
}
