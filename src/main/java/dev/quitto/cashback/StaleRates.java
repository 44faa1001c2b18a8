package dev.quitto.cashback;

import dev.quitto.platform.web.Refusal;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** {@code If-Match} named a rate version that is no longer current: 412. */
final class StaleRates extends Refusal {

    StaleRates(int expected, int current) {
        super(HttpStatus.PRECONDITION_FAILED, "precondition-failed",
                "If-Match names rate version " + expected + " but the current version is " + current + ".", Map.of("currentVersion", current));
    }
}
