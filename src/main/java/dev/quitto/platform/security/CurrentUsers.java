package dev.quitto.platform.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The caller of the request being served, for services that need it. Controllers may simply declare a
 * {@link CurrentUser} parameter instead.
 */
@Component
public class CurrentUsers {

    public Optional<CurrentUser> current() {
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? Optional.of(user) : Optional.empty();
    }

    /** The caller; without one, a 401 (only reachable on a path that does not demand authentication). */
    public CurrentUser require() {
        return current().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("No authenticated caller"));
    }
}
