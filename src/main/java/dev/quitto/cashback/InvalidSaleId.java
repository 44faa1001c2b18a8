package dev.quitto.cashback;

import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

/** A sale id is a positive integer: 400 {@code invalid-id}. */
final class InvalidSaleId extends Refusal {

    InvalidSaleId(String id) {
        super(HttpStatus.BAD_REQUEST, "invalid-id", "A sale id is a positive integer, not \"" + (id.length() > 40 ? id.substring(0, 40) : id) + "\".");
    }

    static long parse(String id) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidSaleId(id);
        }
        long value = Long.parseLong(id);
        if (value < 1) {
            throw new InvalidSaleId(id);
        }
        return value;
    }
}
