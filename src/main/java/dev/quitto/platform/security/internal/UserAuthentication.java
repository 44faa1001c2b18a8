package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated caller, by bearer token or HTTP Basic: the principal is the {@link CurrentUser} modules see. */
final class UserAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;

    private UserAuthentication(CurrentUser user) {
        super(user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
        this.user = user;
        setAuthenticated(true);
    }

    static UserAuthentication of(UserAccount account) {
        return new UserAuthentication(new CurrentUser(account.id(), account.login(), account.roles()));
    }

    @Override
    public CurrentUser getPrincipal() {
        return user;
    }

    @Override
    public @Nullable Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return user.login();
    }
}
