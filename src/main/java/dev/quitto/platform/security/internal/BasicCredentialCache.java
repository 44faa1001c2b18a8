package dev.quitto.platform.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Successful HTTP Basic checks, remembered for five minutes by the SHA-256 of the {@code Authorization}
 * value: an adaptive password hash on every request would cap a 2-core machine far below the load targets.
 * Failures are never remembered. The account row (roles, active) is still read on every request; a password
 * changed through this instance forgets the user's entries at once, on other instances within the TTL.
 */
@Component
class BasicCredentialCache {

    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    BasicCredentialCache(Clock clock) {
        this.clock = clock;
    }

    OptionalLong userId(String authorization) {
        String key = keyOf(authorization);
        Entry entry = entries.get(key);
        if (entry == null) {
            return OptionalLong.empty();
        }
        if (!entry.expiresAt().isAfter(clock.instant())) {
            entries.remove(key, entry);
            return OptionalLong.empty();
        }
        return OptionalLong.of(entry.userId());
    }

    void remember(String authorization, long userId) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(keyOf(authorization), new Entry(userId, now.plus(TTL)));
    }

    void forget(String authorization) {
        entries.remove(keyOf(authorization));
    }

    void forgetUser(long userId) {
        entries.values().removeIf(entry -> entry.userId() == userId);
    }

    private static String keyOf(String authorization) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(authorization.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private record Entry(long userId, Instant expiresAt) {
    }
}
