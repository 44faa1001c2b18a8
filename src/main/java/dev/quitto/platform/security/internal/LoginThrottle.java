package dev.quitto.platform.security.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failed logins per account and per client address in a sliding window, counted in PostgreSQL so every
 * instance sees them. A success erases nothing (a guesser gains nothing by mixing in a known password);
 * failures simply age out of the window, and expired rows are deleted as new failures arrive.
 */
@Component
class LoginThrottle {

    static final int MAX_LOGIN_LENGTH = 254;
    static final int MAX_ADDRESS_LENGTH = 64;

    private final LoginFailureRepository failures;
    private final SecuritySettings.LoginRateLimit limit;

    @Autowired
    LoginThrottle(LoginFailureRepository failures, SecuritySettings settings) {
        this(failures, settings.loginRateLimit());
    }

    LoginThrottle(LoginFailureRepository failures, SecuritySettings.LoginRateLimit limit) {
        this.failures = failures;
        this.limit = limit;
    }

    /** How long {@code login} from {@code address} must wait, or empty when it may try now. */
    Optional<Duration> waitFor(String login, String address, Instant now) {
        return failures.rankedFailure(bounded(login, MAX_LOGIN_LENGTH), limit.perAccount(),
                        bounded(address, MAX_ADDRESS_LENGTH), limit.perAddress(), now.minus(limit.window()))
                .map(failure -> Duration.between(now, failure.plus(limit.window())));
    }

    void recordFailure(String login, String address, Instant now) {
        failures.insert(bounded(login, MAX_LOGIN_LENGTH), bounded(address, MAX_ADDRESS_LENGTH), now);
        failures.deleteUpTo(now.minus(limit.window()));
    }

    private static String bounded(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
