package dev.quitto.cashback;

import dev.quitto.platform.web.Refusal;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Only a FAILED sale can be retried: 409 {@code invalid-state} with the current status. */
final class SaleNotRetryable extends Refusal {

    SaleNotRetryable(long id, SaleStatus status) {
        super(HttpStatus.CONFLICT, "invalid-state", "Sale " + id + " is " + status + "; only a FAILED sale can be retried.",
                Map.of("status", status.name()));
    }
}
