package dev.quitto.console;

import dev.quitto.platform.web.FieldViolation;
import java.util.List;
import org.springframework.security.core.AuthenticationException;

/** Why the login form was refused, as the login page shows it: field errors, wrong credentials or a throttle. */
final class ConsoleLoginFailure extends AuthenticationException {

    private final String login;
    private final List<FieldViolation> violations;
    private final long retryAfterSeconds;

    private ConsoleLoginFailure(String message, String login, List<FieldViolation> violations, long retryAfterSeconds) {
        super(message);
        this.login = login;
        this.violations = List.copyOf(violations);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ConsoleLoginFailure invalid(String login, List<FieldViolation> violations) {
        return new ConsoleLoginFailure("Check the highlighted fields.", login, violations, 0);
    }

    static ConsoleLoginFailure refused(String login) {
        return new ConsoleLoginFailure("The e-mail or username and password do not match an active account.", login, List.of(), 0);
    }

    static ConsoleLoginFailure throttled(String login, long seconds) {
        return new ConsoleLoginFailure("Too many failed attempts. Try again in " + seconds + " seconds.", login, List.of(), seconds);
    }

    String login() {
        return login;
    }

    List<FieldViolation> violations() {
        return violations;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
