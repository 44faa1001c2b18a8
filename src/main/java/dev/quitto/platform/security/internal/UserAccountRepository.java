package dev.quitto.platform.security.internal;

import dev.quitto.platform.security.Role;
import dev.quitto.platform.security.Users;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserAccountRepository {

    private static final String SELECT = """
            select u.id, u.username, u.email, u.first_name, u.password_hash, u.active, u.created_at,
                   coalesce(array_agg(r.role) filter (where r.role is not null), '{}') as roles
            from platform_user u left join platform_user_role r on r.user_id = u.id
            """;

    private final JdbcClient jdbc;

    UserAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A login with an '@' is an e-mail, otherwise a username; both are matched case-insensitively. */
    Optional<UserAccount> findByLogin(String login) {
        String normalized = login.trim().toLowerCase(Locale.ROOT);
        String column = normalized.contains("@") ? "u.email" : "u.username";
        return jdbc.sql(SELECT + " where " + column + " = :login group by u.id")
                .param("login", normalized)
                .query(this::map)
                .optional();
    }

    Optional<UserAccount> findById(long id) {
        return jdbc.sql(SELECT + " where u.id = :id group by u.id").param("id", id).query(this::map).optional();
    }

    List<UserAccount> findAll(int limit, long offset) {
        return jdbc.sql(SELECT + " group by u.id order by u.id limit :limit offset :offset")
                .param("limit", limit).param("offset", offset).query(this::map).list();
    }

    long count() {
        return jdbc.sql("select count(*) from platform_user").query(Long.class).single();
    }

    List<UserAccount> findAll(Users.UserFilter filter, int limit, long offset) {
        return jdbc.sql(SELECT + " where " + FILTER + " group by u.id order by u.id limit :limit offset :offset")
                .params(filterParams(filter)).param("limit", limit).param("offset", offset).query(this::map).list();
    }

    long count(Users.UserFilter filter) {
        return jdbc.sql("select count(*) from platform_user u where " + FILTER).params(filterParams(filter)).query(Long.class).single();
    }

    private static final String FILTER = """
            (cast(:email as varchar) is null or u.email = :email)
            and (cast(:active as boolean) is null or u.active = :active)
            and (cast(:role as varchar) is null or exists (select 1 from platform_user_role f where f.user_id = u.id and f.role = :role))
            """;

    private static java.util.Map<String, @Nullable Object> filterParams(Users.UserFilter filter) {
        java.util.Map<String, @Nullable Object> params = new java.util.HashMap<>();
        params.put("email", filter.email() == null ? null : filter.email().trim().toLowerCase(Locale.ROOT));
        params.put("active", filter.active());
        params.put("role", filter.role() == null ? null : filter.role().name());
        return params;
    }

    /** A new active user; a taken username or e-mail is refused by its named unique constraint. */
    long insert(@Nullable String username, @Nullable String email, String firstName, String passwordHash, Instant createdAt) {
        try {
            return insertStatement("returning id", username, email, firstName, passwordHash, createdAt).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw UserExists.from(e).orElseThrow(() -> e);
        }
    }

    /** Creates the user unless its username or e-mail is taken; safe when several instances try at once. */
    OptionalLong insertIfAbsent(@Nullable String username, @Nullable String email, String firstName, String passwordHash, Instant createdAt) {
        return insertStatement("on conflict do nothing returning id", username, email, firstName, passwordHash, createdAt)
                .query(Long.class).optional().map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    private JdbcClient.StatementSpec insertStatement(String tail, @Nullable String username, @Nullable String email, String firstName,
                                                     String passwordHash, Instant createdAt) {
        return jdbc.sql("""
                        insert into platform_user (username, email, first_name, password_hash, active, created_at)
                        values (:username, :email, :firstName, :passwordHash, true, :createdAt)
                        """ + tail)
                .param("username", username == null ? null : username.toLowerCase(Locale.ROOT))
                .param("email", email == null ? null : email.toLowerCase(Locale.ROOT))
                .param("firstName", firstName)
                .param("passwordHash", passwordHash)
                .param("createdAt", Timestamp.from(createdAt));
    }

    /** Changes what is given and keeps the rest; false when there is no such user. */
    boolean update(long id, @Nullable Boolean active, @Nullable String firstName, @Nullable String passwordHash) {
        return jdbc.sql("""
                        update platform_user
                        set active = coalesce(:active, active),
                            first_name = coalesce(:firstName, first_name),
                            password_hash = coalesce(:passwordHash, password_hash)
                        where id = :id
                        """)
                .param("id", id).param("active", active).param("firstName", firstName).param("passwordHash", passwordHash)
                .update() == 1;
    }

    /** Takes the row lock of the user, so concurrent role changes apply one after the other; false when absent. */
    boolean lock(long id) {
        return jdbc.sql("select id from platform_user where id = :id for update").param("id", id).query(Long.class).optional().isPresent();
    }

    void replaceRoles(long userId, Set<Role> roles) {
        jdbc.sql("delete from platform_user_role where user_id = :id").param("id", userId).update();
        for (Role role : roles) {
            jdbc.sql("insert into platform_user_role (user_id, role) values (:id, :role)")
                    .param("id", userId).param("role", role.name()).update();
        }
    }

    private UserAccount map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : (String[]) rs.getArray("roles").getArray()) {
            roles.add(Role.valueOf(role));
        }
        return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("email"), rs.getString("first_name"),
                rs.getString("password_hash"), rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant(), roles);
    }
}
