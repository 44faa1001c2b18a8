package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.CurrentUser;
import dev.quitto.platform.security.PasswordLogins;
import org.springframework.stereotype.Component;

/** {@link PasswordLogins} over {@link PasswordLogin}: the same throttle and timing as the token endpoint and HTTP Basic. */
@Component
class PlatformPasswordLogins implements PasswordLogins {

    private final PasswordLogin logins;

    PlatformPasswordLogins(PasswordLogin logins) {
        this.logins = logins;
    }

    @Override
    public Outcome attempt(String login, String password, String address) {
        return switch (logins.attempt(login, password, address)) {
            case LoginResult.LoggedIn(UserAccount account) -> new LoggedIn(new CurrentUser(account.id(), account.login(), account.roles()));
            case LoginResult.Refused refused -> new Refused();
            case LoginResult.Throttled throttled -> new Throttled(throttled.seconds());
        };
    }
}
