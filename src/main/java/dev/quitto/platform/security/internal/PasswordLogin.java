package dev.quitto.platform.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * One password check for the token endpoint and HTTP Basic: throttle first, then the account and its
 * password. An unknown login costs the same hash as a known one, so timing does not tell which logins exist.
 */
@Component
class PasswordLogin {

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final String unknownAccountHash;

    PasswordLogin(UserAccountRepository accounts, PasswordEncoder passwords, LoginThrottle throttle, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.clock = clock;
        this.unknownAccountHash = passwords.encode("no account has this password");
    }

    LoginResult attempt(String login, String password, String address) {
        String normalized = login.trim().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Optional<LoginResult> throttled = throttle.waitFor(normalized, address, now).map(LoginResult.Throttled::new);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        Optional<UserAccount> account = normalized.isEmpty() ? Optional.empty() : accounts.findByLogin(normalized);
        boolean matches = passwords.matches(password, account.map(UserAccount::passwordHash).orElse(unknownAccountHash));
        if (matches && account.isPresent() && account.get().active()) {
            return new LoginResult.LoggedIn(account.get());
        }
        throttle.recordFailure(normalized, address, now);
        return new LoginResult.Refused();
    }
}
