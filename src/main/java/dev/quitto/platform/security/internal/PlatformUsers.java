package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.security.UserSummary;
import dev.quitto.platform.security.Users;
import dev.quitto.platform.web.PageQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@link Users} over the user administration of the security package. */
@Component
class PlatformUsers implements Users {

    private final UserAdministration administration;
    private final UserAccountRepository accounts;

    PlatformUsers(UserAdministration administration, UserAccountRepository accounts) {
        this.administration = administration;
        this.accounts = accounts;
    }

    @Override
    public Optional<UserSummary> find(long id) {
        return accounts.findById(id).map(PlatformUsers::summary);
    }

    @Override
    public Optional<UserSummary> findByLogin(String login) {
        return accounts.findByLogin(login).map(PlatformUsers::summary);
    }

    @Override
    public List<UserSummary> list(UserFilter filter, PageQuery page) {
        return accounts.findAll(filter, page.size(), page.offset()).stream().map(PlatformUsers::summary).toList();
    }

    @Override
    public long count(UserFilter filter) {
        return accounts.count(filter);
    }

    @Override
    public UserSummary create(String email, String firstName, String password, Set<Role> roles) {
        return summary(administration.create(null, email, firstName, password, roles));
    }

    @Override
    public UserSummary update(long id, @Nullable Boolean active, @Nullable String firstName, @Nullable String password) {
        return summary(administration.update(id, active, firstName, password));
    }

    @Override
    public UserSummary replaceRoles(long id, Set<Role> roles) {
        return summary(administration.replaceRoles(id, roles));
    }

    private static UserSummary summary(UserAccount account) {
        return new UserSummary(account.id(), account.username(), account.email(), account.firstName(), account.active(),
                account.roles(), account.createdAt());
    }
}
