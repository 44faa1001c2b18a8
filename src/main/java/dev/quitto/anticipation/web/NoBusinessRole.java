package dev.quitto.anticipation.web;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** The caller is neither a supplier nor an operator (nor an ADMIN). */
public final class NoBusinessRole extends Refusal {

    public NoBusinessRole() {
        super(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "Only suppliers or operators can make requests.");
    }
}
