package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.web.PageQuery;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating users, changing their roles, names, passwords and active flag. Nothing is ever deleted. */
@Service
class UserAdministration {

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwords;
    private final BasicCredentialCache basicCache;
    private final Clock clock;

    UserAdministration(UserAccountRepository accounts, PasswordEncoder passwords, BasicCredentialCache basicCache, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.basicCache = basicCache;
        this.clock = clock;
    }

    @Transactional
    UserAccount create(@Nullable String username, @Nullable String email, String firstName, String password, Set<Role> roles) {
        long id = accounts.insert(username, email, firstName, passwords.encode(password), clock.instant());
        accounts.replaceRoles(id, roles);
        return get(id);
    }

    /**
     * Creates the user with {@code login} (an e-mail when it holds an '@', otherwise a username) unless it
     * exists; an existing user is left as it is. Safe when several instances start at once.
     */
    @Transactional
    OptionalLong createIfAbsent(String login, String firstName, String password, Set<Role> roles) {
        String normalized = login.trim().toLowerCase(Locale.ROOT);
        if (accounts.findByLogin(normalized).isPresent()) {
            return OptionalLong.empty();
        }
        boolean email = normalized.contains("@");
        OptionalLong id = accounts.insertIfAbsent(email ? null : normalized, email ? normalized : null, firstName,
                passwords.encode(password), clock.instant());
        id.ifPresent(created -> accounts.replaceRoles(created, roles));
        return id;
    }

    @Transactional(readOnly = true)
    List<UserAccount> list(PageQuery page) {
        return accounts.findAll(page.size(), page.offset());
    }

    @Transactional(readOnly = true)
    long count() {
        return accounts.count();
    }

    @Transactional(readOnly = true)
    UserAccount get(long id) {
        return accounts.findById(id).orElseThrow(() -> new UserNotFound(id));
    }

    @Transactional
    UserAccount replaceRoles(long id, Set<Role> roles) {
        if (!accounts.lock(id)) {
            throw new UserNotFound(id);
        }
        accounts.replaceRoles(id, roles);
        return get(id);
    }

    @Transactional
    UserAccount update(long id, @Nullable Boolean active, @Nullable String firstName, @Nullable String password) {
        if (!accounts.update(id, active, firstName, password == null ? null : passwords.encode(password))) {
            throw new UserNotFound(id);
        }
        if (password != null || Boolean.FALSE.equals(active)) {
            basicCache.forgetUser(id);
        }
        return get(id);
    }
}
