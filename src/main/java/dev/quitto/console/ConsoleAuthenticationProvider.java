package dev.quitto.console;

import dev.quitto.platform.security.PasswordLogins;
import dev.quitto.platform.web.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The login form's check: the platform's {@link PasswordLogins} (same throttle as the API), by e-mail or username.
 * The authenticated principal is the platform's {@code CurrentUser}, so controllers and services see the same caller
 * as on the API. Not a bean: only the console chain uses it.
 */
final class ConsoleAuthenticationProvider implements AuthenticationProvider {

    static final String REQUIRED = "This field is required.";

    private final PasswordLogins logins;

    ConsoleAuthenticationProvider(PasswordLogins logins) {
        this.logins = logins;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String login = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        List<FieldViolation> violations = new ArrayList<>();
        if (login.isEmpty()) {
            violations.add(new FieldViolation("login", REQUIRED, "required"));
        }
        if (password.isEmpty()) {
            violations.add(new FieldViolation("password", REQUIRED, "required"));
        }
        if (!violations.isEmpty()) {
            throw ConsoleLoginFailure.invalid(login, violations);
        }
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "unknown";
        return switch (logins.attempt(login, password, address)) {
            case PasswordLogins.LoggedIn(var user) -> UsernamePasswordAuthenticationToken.authenticated(user, null,
                    user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
            case PasswordLogins.Refused refused -> throw ConsoleLoginFailure.refused(login);
            case PasswordLogins.Throttled(long seconds) -> throw ConsoleLoginFailure.throttled(login, seconds);
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
