package dev.quitto.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.AntPathMatcher;

/**
 * {@code Idempotency-Key} handling of POSTs ({@code quitto.web.idempotency}).
 *
 * @param ttl          how long a stored response is replayed ({@code QUITTO_IDEMPOTENCY_TTL}, default 24h); after
 *                     that the key is free again
 * @param waitForFirst how long a repeat waits for the first request with its key to finish before it is answered
 *                     409 (property {@code wait}: {@code QUITTO_IDEMPOTENCY_WAIT}, default 10s)
 * @param lease        how long a claim holds its key without finishing before the same request may take it over,
 *                     for when the instance that claimed it died ({@code QUITTO_IDEMPOTENCY_LEASE}, default 1m);
 *                     longer than the wait, so a waiting repeat never takes over a request still running normally
 * @param purgeCron    when expired records are deleted ({@code QUITTO_IDEMPOTENCY_PURGE_CRON}, default every hour at
 *                     minute 7; {@code -} disables it)
 * @param ownPaths     path patterns whose POSTs honour {@code Idempotency-Key} themselves and are left alone (the
 *                     cashback provider simulator, which mimics an external API's own idempotency)
 */
@ConfigurationProperties("quitto.web.idempotency")
public record IdempotencySettings(@DefaultValue("24h") Duration ttl,
                                  @Name("wait") @DefaultValue("10s") Duration waitForFirst,
                                  @DefaultValue("1m") Duration lease,
                                  @DefaultValue("0 7 * * * *") String purgeCron,
                                  @DefaultValue List<String> ownPaths) {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    /** True when {@code request} goes to a path that handles its own {@code Idempotency-Key}. */
    boolean handlesOwnKeys(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ownPaths.stream().anyMatch(pattern -> PATHS.match(pattern, path));
    }

    public IdempotencySettings {
        if (!ttl.isPositive()) {
            throw new IllegalArgumentException("quitto.web.idempotency.ttl must be positive, got " + ttl);
        }
        if (waitForFirst.isNegative()) {
            throw new IllegalArgumentException("quitto.web.idempotency.wait must not be negative, got " + waitForFirst);
        }
        if (lease.compareTo(waitForFirst) <= 0) {
            throw new IllegalArgumentException("quitto.web.idempotency.lease (" + lease + ") must be longer than wait (" + waitForFirst + ")");
        }
    }
}
