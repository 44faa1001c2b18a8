package dev.quitto.platform.security.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call and for how long ({@code quitto.security}).
 *
 * @param jwtSecret       HMAC-SHA256 key of the tokens ({@code QUITTO_JWT_SECRET}), at least 32 bytes
 * @param accessTokenTtl  lifetime of an access token ({@code QUITTO_ACCESS_TOKEN_TTL})
 * @param refreshTokenTtl lifetime of a refresh token ({@code QUITTO_REFRESH_TOKEN_TTL})
 * @param loginRateLimit  failed logins allowed before 429
 * @param bootstrapAdmin  the one ADMIN created at start-up when absent, if both values are set
 */
@ConfigurationProperties("quitto.security")
record SecuritySettings(@Nullable String jwtSecret,
                        @DefaultValue("5m") Duration accessTokenTtl,
                        @DefaultValue("24h") Duration refreshTokenTtl,
                        @DefaultValue LoginRateLimit loginRateLimit,
                        @DefaultValue BootstrapAdmin bootstrapAdmin) {

    /**
     * @param perAccount failures per login within {@code window} ({@code QUITTO_LOGIN_FAILURES_PER_ACCOUNT})
     * @param perAddress failures per client address within {@code window} ({@code QUITTO_LOGIN_FAILURES_PER_ADDRESS})
     * @param window     the sliding window ({@code QUITTO_LOGIN_FAILURE_WINDOW})
     */
    record LoginRateLimit(@DefaultValue("10") int perAccount, @DefaultValue("50") int perAddress,
                          @DefaultValue("15m") Duration window) {
    }

    /** {@code QUITTO_ADMIN_LOGIN} (a username, or an e-mail when it holds an '@') and {@code QUITTO_ADMIN_PASSWORD}. */
    record BootstrapAdmin(@Nullable String login, @Nullable String password) {

        boolean configured() {
            return login != null && !login.isBlank() && password != null && !password.isEmpty();
        }
    }
}
