package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.Role;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A row of {@code platform_user} with its roles. */
record UserAccount(long id, @Nullable String username, @Nullable String email, String firstName, String passwordHash,
                   boolean active, Instant createdAt, Set<Role> roles) {

    String login() {
        return username != null ? username : String.valueOf(email);
    }
}
