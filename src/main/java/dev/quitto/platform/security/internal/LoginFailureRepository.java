package dev.quitto.platform.security.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of {@code platform_login_failure}: one per failed login, shared by every instance. */
@Repository
class LoginFailureRepository {

    private final JdbcClient jdbc;

    LoginFailureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String login, String address, Instant failedAt) {
        jdbc.sql("insert into platform_login_failure (login, address, failed_at) values (:login, :address, :failedAt)")
                .param("login", login).param("address", address).param("failedAt", Timestamp.from(failedAt))
                .update();
    }

    /**
     * The {@code rank}-th newest failure after {@code since} for {@code login} and for {@code address}
     * (rank 1 = the newest), the latest of the two: while it lies inside the window, there are at least
     * {@code rank} failures in it.
     */
    Optional<Instant> rankedFailure(String login, int loginRank, String address, int addressRank, Instant since) {
        return jdbc.sql("""
                        select greatest(
                            (select failed_at from platform_login_failure
                             where login = :login and failed_at > :since
                             order by failed_at desc offset :loginOffset limit 1),
                            (select failed_at from platform_login_failure
                             where address = :address and failed_at > :since
                             order by failed_at desc offset :addressOffset limit 1))
                        """)
                .param("login", login).param("loginOffset", loginRank - 1)
                .param("address", address).param("addressOffset", addressRank - 1)
                .param("since", Timestamp.from(since))
                .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    int deleteUpTo(Instant cutoff) {
        return jdbc.sql("delete from platform_login_failure where failed_at <= :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).update();
    }
}
