package dev.quitto.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quitto.testsupport.TestClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Tests {

    private final TestClock clock = new TestClock();
    private final UuidV7 uuids = new UuidV7(clock);

    @Test
    void makesVersionSevenIdsOfTheIetfVariant() {
        UUID id = uuids.next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void carriesTheClockMillisecondsInItsFirstFortyEightBits() {
        UUID id = uuids.next();

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(TestClock.START.toEpochMilli());
    }

    @Test
    void sortsIdsMadeLaterAfterIdsMadeEarlier() {
        UUID earlier = uuids.next();
        clock.advance(Duration.ofMillis(1));
        UUID later = uuids.next();

        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }

    @Test
    void makesDistinctIdsWithinOneMillisecond() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(uuids.next());
        }

        assertThat(ids).hasSize(10_000);
    }
}
