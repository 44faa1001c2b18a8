package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.Role;
import java.util.List;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The seeds' well-known accounts, for the demo profile only ({@code quitto.demo.enabled}); a restart changes nothing. */
@Component
@ConditionalOnProperty(name = "quitto.demo.enabled", havingValue = "true")
class DemoAccounts implements ApplicationRunner {

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("admin", "teste123", "Admin", Set.of(Role.ADMIN, Role.CLINIC, Role.FINANCE, Role.OPERATOR)),
            new DemoAccount("user", "password", "User", Set.of(Role.ERP)),
            new DemoAccount("auditor", "auditor", "Auditor", Set.of(Role.AUDITOR)),
            new DemoAccount("user01@email.com", "user01", "User 01", Set.of(Role.SUPPLIER)),
            new DemoAccount("user02@email.com", "user02", "User 02", Set.of(Role.SUPPLIER)),
            new DemoAccount("operator01@email.com", "operator01", "Operator 01", Set.of(Role.OPERATOR)),
            new DemoAccount("admin01@email.com", "admin01", "Admin 01", Set.of(Role.ADMIN)));

    private final UserAdministration users;

    DemoAccounts(UserAdministration users) {
        this.users = users;
    }

    @Override
    public void run(ApplicationArguments args) {
        ACCOUNTS.forEach(account -> users.createIfAbsent(account.login(), account.firstName(), account.password(), account.roles()));
    }

    record DemoAccount(String login, String password, String firstName, Set<Role> roles) {
    }
}
