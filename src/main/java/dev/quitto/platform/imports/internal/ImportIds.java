package dev.quitto.platform.imports.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * UUIDv7 ids of imports (RFC 9562): 48 bits of Unix milliseconds from the injected clock, 74 random bits.
 * Kept inside imports until the platform has one shared id generator.
 */
final class ImportIds {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ImportIds(Clock clock) {
        this.clock = clock;
    }

    UUID next() {
        long millis = clock.millis();
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
