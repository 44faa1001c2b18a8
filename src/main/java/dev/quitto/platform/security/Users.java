package dev.quitto.platform.security;

import dev.quitto.platform.web.PageQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The platform's users as modules may read and administer them (the anticipation module's supplier users and
 * its ADMIN screens). Refusals are the platform's: 404 for a missing user, 409 for a taken e-mail.
 */
public interface Users {

    Optional<UserSummary> find(long id);

    /** By e-mail or username, case-insensitively. */
    Optional<UserSummary> findByLogin(String login);

    List<UserSummary> list(UserFilter filter, PageQuery page);

    long count(UserFilter filter);

    UserSummary create(String email, String firstName, String password, Set<Role> roles);

    /** Changes what is given and keeps the rest. */
    UserSummary update(long id, @Nullable Boolean active, @Nullable String firstName, @Nullable String password);

    UserSummary replaceRoles(long id, Set<Role> roles);

    /** Narrows a user list; a null member does not filter. */
    record UserFilter(@Nullable String email, @Nullable Role role, @Nullable Boolean active) {

        public static final UserFilter ALL = new UserFilter(null, null, null);
    }
}
