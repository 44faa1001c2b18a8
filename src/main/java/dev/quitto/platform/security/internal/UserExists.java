package dev.quitto.platform.security.internal;

import dev.quitto.platform.web.Refusal;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;

/** Another user already has this username or e-mail: 409 {@code user-exists} naming the field. */
final class UserExists extends Refusal {

    static final String CODE = "user-exists";

    private UserExists(String field) {
        super(HttpStatus.CONFLICT, CODE, "Another user already has this " + field + ".", Map.of("field", field));
    }

    /** The refusal for a violation of {@code platform_user_username_unique} or {@code platform_user_email_unique}; empty for any other. */
    static Optional<UserExists> from(DuplicateKeyException duplicate) {
        if (!(duplicate.getMostSpecificCause() instanceof PSQLException psql)) {
            return Optional.empty();
        }
        ServerErrorMessage message = psql.getServerErrorMessage();
        String constraint = message == null ? null : message.getConstraint();
        if ("platform_user_username_unique".equals(constraint)) {
            return Optional.of(new UserExists("username"));
        }
        if ("platform_user_email_unique".equals(constraint)) {
            return Optional.of(new UserExists("email"));
        }
        return Optional.empty();
    }
}
