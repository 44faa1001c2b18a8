package dev.quitto.platform.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds from the injected {@link Clock}, then 74 random bits
 * from {@link SecureRandom}. Ids made later sort after ids made earlier (to the millisecond), so they index well.
 */
@Component
public class UuidV7 {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public UuidV7(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        long millis = clock.millis();
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        long randA = ((bytes[0] & 0xFFL) << 8 | (bytes[1] & 0xFFL)) & 0x0FFFL;
        long most = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = randB << 8 | (bytes[i] & 0xFFL);
        }
        long least = randB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}
