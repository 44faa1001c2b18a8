package dev.quitto.cashback;

import dev.quitto.platform.web.Refusal;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A bad query parameter of a list or the reconciliation: 400 {@code invalid-parameter} naming it. */
final class InvalidParameter extends Refusal {

    InvalidParameter(String parameter, String message) {
        super(HttpStatus.BAD_REQUEST, "invalid-parameter", parameter + " " + message, Map.of("parameter", parameter));
    }
}
