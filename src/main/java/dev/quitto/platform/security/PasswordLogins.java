package dev.quitto.platform.security;

/**
 * The platform's password check (the one behind the token endpoint and HTTP Basic) for another way in, such as the
 * web console's login form: the shared login throttle first, then the account by e-mail or username, then its
 * password. The caller is never told whether the login exists.
 */
public interface PasswordLogins {

    /** @param address the client address, counted by the throttle */
    Outcome attempt(String login, String password, String address);

    sealed interface Outcome {
    }

    record LoggedIn(CurrentUser user) implements Outcome {
    }

    /** Unknown login, wrong password or inactive account. */
    record Refused() implements Outcome {
    }

    /** Too many recent failures for this login or address: try again after {@code retryAfterSeconds}. */
    record Throttled(long retryAfterSeconds) implements Outcome {
    }
}
