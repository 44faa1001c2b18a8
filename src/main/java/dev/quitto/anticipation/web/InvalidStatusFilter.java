package dev.quitto.anticipation.web;

import dev.quitto.platform.web.FieldViolation;
import dev.quitto.platform.web.InvalidInput;
import java.util.List;

/** {@code ?status=} names no status: the seed's list message, or a canonical validation problem. */
public final class InvalidStatusFilter extends InvalidInput implements SeedListBody {

    private final String message;

    public InvalidStatusFilter(String given, String choices) {
        this(List.of(new FieldViolation("status", "\"" + given + "\" is an invalid status. Choose " + choices + ".", "invalid-value")));
    }

    private InvalidStatusFilter(List<FieldViolation> violations) {
        super(violations);
        this.message = violations.getFirst().message();
    }

    @Override
    public String seedMessage() {
        return message;
    }
}
