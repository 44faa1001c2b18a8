package dev.quitto.platform.security;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A user without its password hash: what another module may know about an account. */
public record UserSummary(long id, @Nullable String username, @Nullable String email, String firstName, boolean active,
                          Set<Role> roles, Instant createdAt) {

    public UserSummary {
        roles = Set.copyOf(roles);
    }
}
