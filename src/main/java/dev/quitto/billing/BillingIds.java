package dev.quitto.billing;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Ids in paths: a UUID or 400 {@code invalid-id}; a missing row is 404 {@code not-found}. */
final class BillingIds {

    private BillingIds() {
    }

    static UUID parse(String id) {
        try {
            if (id.length() != 36) {
                throw new IllegalArgumentException(id);
            }
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new Refusal(HttpStatus.BAD_REQUEST, "invalid-id", "The id must be a UUID.");
        }
    }

    static Refusal notFound(String what, String id) {
        return new Refusal(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, what + " " + (id.length() > 64 ? id.substring(0, 64) : id) + " does not exist.");
    }
}
