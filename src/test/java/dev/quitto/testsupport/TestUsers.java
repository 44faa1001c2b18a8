package dev.quitto.testsupport;

import dev.quitto.platform.security.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Accounts for tests. {@link #create} makes a user with a fresh login (every test class shares one database);
 * at start-up the seeds' fixture accounts exist too: {@code admin}/{@code teste123} (ADMIN, CLINIC, FINANCE,
 * OPERATOR), {@code user}/{@code password} (ERP) and {@code auditor}/{@code auditor} (AUDITOR).
 */
@Component
public class TestUsers {

    /** The password of every user made by {@link #create}: hashed once, so creating users costs no hashing. */
    public static final String PASSWORD = "test-password-1";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private @Nullable String passwordHash;

    TestUsers(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** A new active user with a username such as {@code t-3f2a…} and {@link #PASSWORD}. */
    public TestUser create(Role... roles) {
        String username = "t-" + suffix();
        return new TestUser(insert(username, null, "Test", hash(), Set.of(roles)), username, PASSWORD);
    }

    /** A new active user whose login is an e-mail such as {@code t-3f2a…@example.com}. */
    public TestUser createWithEmail(Role... roles) {
        String email = "t-" + suffix() + "@example.com";
        return new TestUser(insert(null, email, "Test", hash(), Set.of(roles)), email, PASSWORD);
    }

    public void deactivate(TestUser user) {
        jdbc.sql("update platform_user set active = false where id = :id").param("id", user.id()).update();
    }

    public void replaceRoles(TestUser user, Role... roles) {
        jdbc.sql("delete from platform_user_role where user_id = :id").param("id", user.id()).update();
        for (Role role : roles) {
            jdbc.sql("insert into platform_user_role (user_id, role) values (:id, :role)").param("id", user.id()).param("role", role.name()).update();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void createSeedAccounts() {
        seed("admin", "teste123", Set.of(Role.ADMIN, Role.CLINIC, Role.FINANCE, Role.OPERATOR));
        seed("user", "password", Set.of(Role.ERP));
        seed("auditor", "auditor", Set.of(Role.AUDITOR));
    }

    private void seed(String username, String password, Set<Role> roles) {
        boolean exists = jdbc.sql("select count(*) from platform_user where username = :username").param("username", username)
                .query(Long.class).single() > 0;
        if (!exists) {
            insert(username, null, username, passwords.encode(password), roles);
        }
    }

    private long insert(@Nullable String username, @Nullable String email, String firstName, String hash, Set<Role> roles) {
        long id = jdbc.sql("""
                        insert into platform_user (username, email, first_name, password_hash, active, created_at)
                        values (:username, :email, :firstName, :hash, true, :createdAt) returning id
                        """)
                .param("username", username).param("email", email).param("firstName", firstName).param("hash", hash)
                .param("createdAt", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        for (Role role : roles) {
            jdbc.sql("insert into platform_user_role (user_id, role) values (:id, :role)").param("id", id).param("role", role.name()).update();
        }
        return id;
    }

    private synchronized String hash() {
        if (passwordHash == null) {
            passwordHash = passwords.encode(PASSWORD);
        }
        return passwordHash;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A login and its password, as a client would send them. */
    public record TestUser(long id, String login, String password) {
    }
}
