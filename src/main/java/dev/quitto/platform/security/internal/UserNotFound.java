package dev.quitto.platform.security.internal;

import dev.quitto.platform.web.ProblemCodes;
import dev.quitto.platform.web.Refusal;
import org.springframework.http.HttpStatus;

final class UserNotFound extends Refusal {

    UserNotFound(long id) {
        super(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "No user with id " + id + ".");
    }
}
