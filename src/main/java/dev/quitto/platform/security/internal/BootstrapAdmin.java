package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.Role;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Production creates no users, except one ADMIN named by {@code QUITTO_ADMIN_LOGIN} and
 * {@code QUITTO_ADMIN_PASSWORD} when both are set and that login does not exist yet. An existing user of
 * that login is left untouched (its password is not reset by a restart).
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final UserAdministration users;
    private final SecuritySettings.BootstrapAdmin admin;

    BootstrapAdmin(UserAdministration users, SecuritySettings settings) {
        this.users = users;
        this.admin = settings.bootstrapAdmin();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (admin.configured() && admin.login() != null && admin.password() != null) {
            ensure(admin.login(), admin.password());
        }
    }

    /** True when this call created the admin. */
    boolean ensure(String login, String password) {
        boolean created = users.createIfAbsent(login, "Admin", password, Set.of(Role.ADMIN)).isPresent();
        if (created) {
            log.info("Created the bootstrap ADMIN {}", login);
        }
        return created;
    }
}
