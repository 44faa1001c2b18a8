package dev.quitto.testsupport;

import dev.quitto.platform.security.Role;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Creates accounts for tests straight in {@code platform_user}: each with a fresh login, so tests never collide. */
@Component
public class TestUsers {

    public static final String PASSWORD = "s3cret-pass";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    TestUsers(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** A new active user with {@link #PASSWORD} and the given roles; returns its username. */
    public String create(Role... roles) {
        String username = "t-" + UUID.randomUUID().toString().substring(0, 12);
        long id = jdbc.sql("""
                        insert into platform_user (username, first_name, password_hash, active, created_at)
                        values (:username, 'Test', :hash, true, :now) returning id
                        """)
                .param("username", username)
                .param("hash", encoder.encode(PASSWORD))
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .query(Long.class).single();
        Arrays.stream(roles).forEach(role -> jdbc.sql("insert into platform_user_role (user_id, role) values (:id, :role)")
                .param("id", id).param("role", role.name()).update());
        return username;
    }
}
