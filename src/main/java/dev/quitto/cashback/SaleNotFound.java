package dev.quitto.cashback;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** No sale with this id, or one the caller may not see: the same 404. */
final class SaleNotFound extends Refusal {

    SaleNotFound(long id) {
        super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "Sale " + id + " does not exist.");
    }
}
