package dev.quitto.anticipation.anticipation;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** A supplier tried to decide on a request (its own: another's is 404). */
public final class OperatorsOnly extends Refusal {

    public OperatorsOnly() {
        super(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, "Only operators can approve or deny anticipations.");
    }
}
