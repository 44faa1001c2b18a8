package dev.quitto.platform.security;

import java.util.Set;

/** The authenticated caller as modules see it: an id to scope queries by, and roles as stored now. */
public record CurrentUser(long id, String login, Set<Role> roles) {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    /** True for the role itself and for {@link Role#ADMIN}, who may do everything. */
    public boolean may(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }
}
