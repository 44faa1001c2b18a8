package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.CurrentUser;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A user account as Spring Security's password check sees it. */
record AccountDetails(UserAccount account) implements UserDetails {

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities(account);
    }

    static List<GrantedAuthority> authorities(UserAccount account) {
        return account.roles().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
    }

    @Override
    public String getPassword() {
        return account.passwordHash();
    }

    @Override
    public String getUsername() {
        return account.login();
    }

    @Override
    public boolean isEnabled() {
        return account.active();
    }

    CurrentUser toCurrentUser() {
        return new CurrentUser(account.id(), account.login(), account.roles());
    }
}
