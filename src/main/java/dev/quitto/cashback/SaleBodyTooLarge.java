package dev.quitto.cashback;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** A sale body is at most 256 KiB. */
final class SaleBodyTooLarge extends Refusal {

    SaleBodyTooLarge() {
        super(HttpStatus.PAYLOAD_TOO_LARGE, ProblemCodes.PAYLOAD_TOO_LARGE, "A sale body is at most 256 KiB.");
    }
}
