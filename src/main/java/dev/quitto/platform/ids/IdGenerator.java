package dev.quitto.platform.ids;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds from the injected clock, then random bits. Ids made by one
 * instance are strictly increasing: within one millisecond (or when the clock stands still or steps back, as a
 * frozen test clock does) the 12-bit {@code rand_a} field counts up from a random start (RFC 9562 method 1),
 * and an exhausted counter borrows the next millisecond.
 */
@Component
public class IdGenerator {

    private static final int COUNTER_BITS = 12;
    private static final int COUNTER_MAX = (1 << COUNTER_BITS) - 1;

    private final Clock clock;
    private final SecureRandom random;
    private long lastMillis = -1;
    private int counter;

    @Autowired
    public IdGenerator(Clock clock) {
        this(clock, new SecureRandom());
    }

    IdGenerator(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public UUID newId() {
        long millis;
        int sequence;
        synchronized (this) {
            long now = clock.millis();
            if (now > lastMillis) {
                lastMillis = now;
                counter = random.nextInt(1 << (COUNTER_BITS - 1));
            } else if (counter < COUNTER_MAX) {
                counter++;
            } else {
                lastMillis++;
                counter = random.nextInt(1 << (COUNTER_BITS - 1));
            }
            millis = lastMillis;
            sequence = counter;
        }
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | sequence;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
