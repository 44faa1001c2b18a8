package dev.quitto.platform.security.internal;

import java.time.Duration;

/** What a password login came to. */
sealed interface LoginResult {

    record LoggedIn(UserAccount account) implements LoginResult {
    }

    /** Unknown login, wrong password or inactive account: the caller is not told which. */
    record Refused() implements LoginResult {
    }

    record Throttled(Duration retryAfter) implements LoginResult {

        /** Whole seconds, rounded up, at least 1: the value of {@code Retry-After}. */
        long seconds() {
            long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }
    }
}
